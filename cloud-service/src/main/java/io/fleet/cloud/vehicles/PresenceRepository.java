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

    /** Every vehicle known here: bound to a user, seen by the broker, or with a classic shadow. Sorted. */
    List<String> allVehicles() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT thing_name FROM user_vehicle UNION "
                     + "SELECT thing_name FROM vehicle_presence UNION "
                     + "SELECT thing_name FROM shadow WHERE shadow_name = '' AND deleted_at IS NULL ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        }
    }
}
