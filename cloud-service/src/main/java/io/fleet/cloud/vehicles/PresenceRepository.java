package io.fleet.cloud.vehicles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Vehicle connectivity ({@code vehicle_presence}) and which vehicles exist. Blocks on JDBC: call it from a worker.
 */
final class PresenceRepository {

    record Presence(boolean online, long lastSeen) {
    }

    private final DataSource dataSource;

    PresenceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies a presence event unless a later one was already applied; true when it changed the row. */
    boolean record(String vehicle, boolean online, long at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO vehicle_presence (thing_name, online, changed_at, "
                     + "last_seen) VALUES (?, ?, ?, ?) ON CONFLICT (thing_name) DO UPDATE SET online = EXCLUDED.online,"
                     + " changed_at = EXCLUDED.changed_at, last_seen = GREATEST(vehicle_presence.last_seen, "
                     + "EXCLUDED.last_seen) WHERE vehicle_presence.changed_at <= EXCLUDED.changed_at")) {
            s.setString(1, vehicle);
            s.setBoolean(2, online);
            s.setLong(3, at);
            s.setLong(4, at);
            return s.executeUpdate() > 0;
        }
    }

    Optional<Presence> find(String vehicle) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT online, last_seen FROM vehicle_presence "
                     + "WHERE thing_name = ?")) {
            s.setString(1, vehicle);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Presence(r.getBoolean(1), r.getLong(2))) : Optional.empty();
            }
        }
    }

    private static final String ALL_VEHICLES = "SELECT thing_name FROM user_vehicle UNION "
            + "SELECT thing_name FROM vehicle_presence UNION "
            + "SELECT thing_name FROM shadow WHERE shadow_name = '' AND deleted_at IS NULL";

    /** Every vehicle known here: bound to a user, seen by the broker, or with a classic shadow. Sorted. */
    List<String> allVehicles() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(ALL_VEHICLES + " ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        }
    }

    /** The ids of one listing page (one more than its limit, to tell whether another follows) and the total. */
    record Names(List<String> ids, long total) {
    }

    /**
     * The vehicles among {@code among} (every known vehicle when empty) that match {@code query}, in bytewise id
     * order so pages follow Java's ordering and the token's comparison; a vehicle with no presence row is offline.
     */
    Names page(Optional<List<String>> among, VehicleListQuery query) throws SQLException {
        String candidates = among.isPresent() ? "SELECT unnest(?::text[]) AS thing_name" : ALL_VEHICLES;
        String matching = "FROM (" + candidates + ") v LEFT JOIN vehicle_presence p ON p.thing_name = v.thing_name "
                + "WHERE strpos(lower(v.thing_name), lower(?)) > 0"
                + query.online().map(online -> " AND COALESCE(p.online, false) = " + online).orElse("");
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) " + matching)) {
                bind(c, s, among, query);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            String page = "SELECT v.thing_name " + matching
                    + query.after().map(after -> " AND v.thing_name COLLATE \"C\" > ?").orElse("")
                    + " ORDER BY v.thing_name COLLATE \"C\""
                    + (query.limit().isPresent() ? " LIMIT " + (query.limit().getAsInt() + 1) : "");
            try (PreparedStatement s = c.prepareStatement(page)) {
                int next = bind(c, s, among, query);
                if (query.after().isPresent()) {
                    s.setString(next, query.after().get());
                }
                List<String> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
                return new Names(ids, total);
            }
        }
    }

    /** Binds the candidates and the id filter; the index of the next parameter. */
    private static int bind(Connection c, PreparedStatement s, Optional<List<String>> among, VehicleListQuery query)
            throws SQLException {
        int index = 1;
        if (among.isPresent()) {
            s.setArray(index++, c.createArrayOf("text", among.get().toArray()));
        }
        s.setString(index++, query.idContains());
        return index;
    }
}
