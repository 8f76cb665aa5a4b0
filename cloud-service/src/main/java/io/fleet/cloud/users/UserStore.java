package io.fleet.cloud.users;

import io.fleet.model.shadow.ThingName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Users, their vehicles and their bearer tokens in PostgreSQL. A token is {@code fleet_} plus 256 random bits in
 * base64url; only its SHA-256 is stored. Authentications are cached for {@link #CACHE_MILLIS} so a busy app does
 * not cost a database round trip per request.
 *
 * <p>Threads: {@link #authenticate} runs its query on the {@code blocking} executor; the other methods block the
 * caller and are meant for the CLI, the admin API (on a worker) and start-up.
 */
public final class UserStore implements UserDirectory {

    public static final long CACHE_MILLIS = 30_000;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,64}");
    private static final String PREFIX = "fleet_";

    private final DataSource dataSource;
    private final Executor blocking;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<User> user, long until) {
    }

    public UserStore(DataSource dataSource, Executor blocking, Clock clock) {
        this.dataSource = dataSource;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** A new user and their first token, returned in plain text once. Fails if the name exists. */
    public String addUser(String name, User.Role role, List<String> vehicles) throws SQLException {
        checkName(name);
        vehicles.forEach(UserStore::checkVehicle);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO app_user (name, role, default_vehicle, "
                    + "created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id")) {
                s.setString(1, name);
                s.setString(2, role.name());
                s.setString(3, vehicles.isEmpty() ? null : vehicles.get(0));
                s.setLong(4, clock.millis());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        c.rollback();
                        throw new IllegalArgumentException("user " + name + " already exists");
                    }
                    id = r.getLong(1);
                }
            }
            bindVehicles(c, id, vehicles);
            String token = insertToken(c, id);
            c.commit();
            return token;
        }
    }

    /**
     * Makes sure {@code name} exists with at least {@code vehicles}, and that the token file holds a token that
     * works: an existing valid file is kept, otherwise a new token is issued and written. Returns the token.
     */
    public String ensureUser(String name, User.Role role, List<String> vehicles, TokenFiles files)
            throws SQLException, java.io.IOException {
        Optional<User> existing = find(name);
        if (existing.isEmpty()) {
            String token = addUser(name, role, vehicles);
            files.write(name, token);
            return token;
        }
        addVehicles(name, vehicles);
        Optional<String> saved = files.read(name);
        if (saved.isPresent() && authenticate(saved.get()).join().isPresent()) {
            return saved.get();
        }
        String token = newToken(name);
        files.write(name, token);
        return token;
    }

    /** Binds more vehicles to an existing user. */
    public void addVehicles(String name, List<String> vehicles) throws SQLException {
        vehicles.forEach(UserStore::checkVehicle);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            bindVehicles(c, userId(c, name), vehicles);
            c.commit();
        }
        cache.clear();
    }

    /** A further token for an existing user (e.g. one per device), returned in plain text once. */
    public String newToken(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return insertToken(c, userId(c, name));
        }
    }

    public Optional<User> find(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, name, role, default_vehicle FROM app_user "
                     + "WHERE name = ?")) {
            s.setString(1, name);
            return readUser(c, s);
        }
    }

    @Override
    public CompletableFuture<Optional<User>> authenticate(String bearerToken) {
        if (bearerToken == null || !bearerToken.startsWith(PREFIX) || bearerToken.length() > 100) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String hash = hash(bearerToken);
        Cached cached = cache.get(hash);
        long now = clock.millis();
        if (cached != null && cached.until() > now) {
            return CompletableFuture.completedFuture(cached.user());
        }
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT u.id, u.name, u.role, u.default_vehicle "
                         + "FROM user_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ?")) {
                s.setString(1, hash);
                Optional<User> user = readUser(c, s);
                cache.put(hash, new Cached(user, now + CACHE_MILLIS));
                return user;
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, blocking);
    }

    private Optional<User> readUser(Connection c, PreparedStatement s) throws SQLException {
        long id;
        String name;
        User.Role role;
        String defaultVehicle;
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            id = r.getLong(1);
            name = r.getString(2);
            role = User.Role.valueOf(r.getString(3));
            defaultVehicle = r.getString(4);
        }
        List<String> vehicles = new ArrayList<>();
        try (PreparedStatement v = c.prepareStatement("SELECT thing_name FROM user_vehicle WHERE user_id = ? "
                + "ORDER BY thing_name")) {
            v.setLong(1, id);
            try (ResultSet r = v.executeQuery()) {
                while (r.next()) {
                    vehicles.add(r.getString(1));
                }
            }
        }
        return Optional.of(new User(id, name, role, vehicles, Optional.ofNullable(defaultVehicle)));
    }

    private static void bindVehicles(Connection c, long userId, List<String> vehicles) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO user_vehicle (user_id, thing_name) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            for (String vehicle : vehicles) {
                s.setLong(1, userId);
                s.setString(2, vehicle);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private String insertToken(Connection c, long userId) throws SQLException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO user_token (token_hash, user_id, created_at) "
                + "VALUES (?, ?, ?)")) {
            s.setString(1, hash(token));
            s.setLong(2, userId);
            s.setLong(3, clock.millis());
            s.executeUpdate();
        }
        return token;
    }

    private static long userId(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM app_user WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no user named " + name);
                }
                return r.getLong(1);
            }
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 of a-z A-Z 0-9 . _ -, got " + name);
        }
    }

    private static void checkVehicle(String vehicle) {
        if (!ThingName.isValid(vehicle)) {
            throw new IllegalArgumentException("vehicle must be a thing name [a-zA-Z0-9:_-]{1,128}, got " + vehicle);
        }
    }
}
