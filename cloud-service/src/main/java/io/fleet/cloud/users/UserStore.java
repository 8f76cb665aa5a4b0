package io.fleet.cloud.users;

import io.fleet.model.shadow.ThingName;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Users, their vehicles and their bearer tokens in PostgreSQL ({@link TokenTable}: only hashes are stored). Tokens
 * expire after their time to live (zero = never) and can be revoked by id. Live tokens are cached for
 * {@link #CACHE_LIFETIME} ({@link AuthenticationCache}, at most {@link #CACHE_ENTRIES}) so a busy app does not cost a
 * database round trip per request; failed guesses are never cached.
 *
 * <p>Threads: {@link #check} and {@link #authenticate} run their query on the {@code blocking} executor; the other
 * methods block the caller and are meant for the CLI, the admin API (on a worker) and start-up.
 */
public final class UserStore implements UserDirectory {

    public static final Duration CACHE_LIFETIME = Duration.ofSeconds(30);
    public static final int CACHE_ENTRIES = 10_000;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,64}");

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration defaultTokenTtl;
    private final TokenTable tokens = new TokenTable();
    private final AuthenticationCache cache;
    private final TokenAuthenticator authenticator;

    /** @param defaultTokenTtl how long a new token lives unless told otherwise; zero = never expires */
    public UserStore(DataSource dataSource, Executor blocking, Clock clock, Duration defaultTokenTtl) {
        if (defaultTokenTtl.isNegative()) {
            throw new IllegalArgumentException("a token's time to live cannot be negative: " + defaultTokenTtl);
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.defaultTokenTtl = defaultTokenTtl;
        this.cache = new AuthenticationCache(clock, CACHE_LIFETIME, CACHE_ENTRIES);
        this.authenticator = new TokenAuthenticator(dataSource, blocking, clock, cache);
    }

    public Duration defaultTokenTtl() {
        return defaultTokenTtl;
    }

    /** A new user and their first token (default lifetime), returned in plain text once. Fails if the name exists. */
    public String addUser(String name, User.Role role, List<String> vehicles) throws SQLException {
        return createUser(name, role, vehicles, defaultTokenTtl).secret();
    }

    /** A new user and their first token living {@code ttl} (zero = never). Fails if the name exists. */
    public IssuedToken.WithSecret createUser(String name, User.Role role, List<String> vehicles, Duration ttl)
            throws SQLException {
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
                        throw new InvalidUserException("user " + name + " already exists");
                    }
                    id = r.getLong(1);
                }
            }
            bindVehicles(c, id, vehicles);
            IssuedToken.WithSecret token = tokens.insert(c, id, clock.instant(), ttl);
            c.commit();
            return token;
        }
    }

    /**
     * Makes sure {@code name} exists with at least {@code vehicles}, and that the token file holds a live token:
     * an existing one is kept, otherwise (none, unknown, revoked or expired) a new one living {@code ttl} is issued
     * and written. Returns the token.
     */
    public String ensureUser(String name, User.Role role, List<String> vehicles, TokenFiles files, Duration ttl)
            throws SQLException, IOException {
        Optional<User> existing = find(name);
        if (existing.isEmpty()) {
            String token = createUser(name, role, vehicles, ttl).secret();
            files.write(name, token);
            return token;
        }
        addVehicles(name, vehicles);
        Optional<String> saved = files.read(name);
        if (saved.isPresent() && check(saved.get()).join() instanceof Authentication.Valid) {
            return saved.get();
        }
        String token = issueToken(name, ttl).secret();
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

    /** A further token living {@code ttl} (zero = never) for an existing user, with its secret (shown once). */
    public IssuedToken.WithSecret issueToken(String name, Duration ttl) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return tokens.insert(c, userId(c, name), clock.instant(), ttl);
        }
    }

    /** The user's tokens (without secrets), oldest first; empty if there is no such user. */
    public Optional<List<IssuedToken>> tokens(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> id = findUserId(c, name);
            return id.isEmpty() ? Optional.empty() : Optional.of(tokens.list(c, id.get()));
        }
    }

    /**
     * Revokes one of the user's tokens: refused from now on by this instance, by other instances once their cache
     * entry is gone (at most {@link #CACHE_LIFETIME}). False if the user has no such token.
     */
    public boolean revoke(String name, long tokenId) throws SQLException {
        Optional<String> hash;
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> id = findUserId(c, name);
            hash = id.isEmpty() ? Optional.empty() : tokens.delete(c, id.get(), tokenId);
        }
        hash.ifPresent(cache::revoked);
        return hash.isPresent();
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
        return check(bearerToken).thenApply(Authentication::validUser);
    }

    /** What the token is: live (with its user), expired, or unknown. Never throws; a database failure fails it. */
    public CompletableFuture<Authentication> check(String bearerToken) {
        return authenticator.check(bearerToken);
    }

    /**
     * The answer for a token this instance checked within {@link #CACHE_LIFETIME} (live, or expired since): no
     * database lookup. Empty when only {@link #check} can tell.
     */
    public Optional<Authentication> checkCached(String bearerToken) {
        return authenticator.checkCached(bearerToken);
    }

    /** Live tokens in this instance's cache (failed guesses never are). */
    public long cachedTokens() {
        return authenticator.cachedTokens();
    }

    private Optional<User> readUser(Connection c, PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(readUser(c, r));
        }
    }

    /** The user in columns 1-4 (id, name, role, default_vehicle) of the current row, with their vehicles. */
    static User readUser(Connection c, ResultSet row) throws SQLException {
        long id = row.getLong(1);
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
        return new User(id, row.getString(2), User.Role.valueOf(row.getString(3)), vehicles,
                Optional.ofNullable(row.getString(4)));
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

    private static long userId(Connection c, String name) throws SQLException {
        return findUserId(c, name).orElseThrow(() -> new NoSuchUserException(name));
    }

    private static Optional<Long> findUserId(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM app_user WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidUserException("user name must be 1-64 of a-z A-Z 0-9 . _ -, got " + name);
        }
    }

    private static void checkVehicle(String vehicle) {
        if (!ThingName.isValid(vehicle)) {
            throw new InvalidUserException("vehicle must be a thing name [a-zA-Z0-9:_-]{1,128}, got " + vehicle);
        }
    }
}
