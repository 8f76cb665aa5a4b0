package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.shadow.ExactJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Commands in PostgreSQL ({@code vehicle_command}). Status changes are conditional on the command still being
 * open, so several service instances that each see the same shadow documents change a command only once.
 * Every method blocks on JDBC: call it from a worker thread.
 */
final class CommandRepository {

    private static final ObjectMapper JSON = ExactJson.newMapper();
    private static final String COLUMNS = "id, thing_name, attribute, value, status, reason, desired_version, source, "
            + "user_name, created_at, updated_at, expires_at";
    private static final String OPEN = "status IN ('PENDING', 'DELIVERED')";

    private final DataSource dataSource;

    CommandRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(VehicleCommand command) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO vehicle_command (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, command.id());
            s.setString(2, command.vehicle());
            s.setString(3, command.attribute());
            s.setString(4, json(command.value()));
            s.setString(5, command.status().name());
            s.setString(6, command.reason());
            if (command.desiredVersion() == null) {
                s.setNull(7, Types.BIGINT);
            } else {
                s.setLong(7, command.desiredVersion());
            }
            s.setString(8, command.source());
            s.setString(9, command.user());
            s.setLong(10, command.createdAt());
            s.setLong(11, command.updatedAt());
            s.setObject(12, command.expiresAt(), Types.BIGINT);
            s.executeUpdate();
        }
    }

    /** Records the desired version once written, and the status the command has then, if it is still open. */
    Optional<VehicleCommand> written(UUID id, long desiredVersion, CommandStatus status, String reason, long now)
            throws SQLException {
        return single("UPDATE vehicle_command SET desired_version = ?, status = ?, reason = ?, updated_at = ? "
                + "WHERE id = ? AND " + OPEN + " RETURNING " + COLUMNS, s -> {
                    s.setLong(1, desiredVersion);
                    s.setString(2, status.name());
                    s.setString(3, reason);
                    s.setLong(4, now);
                    s.setObject(5, id);
                });
    }

    /** Moves an open command to {@code status}; empty when it was no longer open (another instance was first). */
    Optional<VehicleCommand> transition(UUID id, CommandStatus status, String reason, long now) throws SQLException {
        return single("UPDATE vehicle_command SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND " + OPEN
                + " AND status <> ? RETURNING " + COLUMNS, s -> {
                    s.setString(1, status.name());
                    s.setString(2, reason);
                    s.setLong(3, now);
                    s.setObject(4, id);
                    s.setString(5, status.name());
                });
    }

    /** Moves the command from {@code from} to {@code to}; empty when it was not in {@code from} any more. */
    Optional<VehicleCommand> transition(UUID id, CommandStatus from, CommandStatus to, String reason, long now)
            throws SQLException {
        return single("UPDATE vehicle_command SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ? "
                + "RETURNING " + COLUMNS, s -> {
                    s.setString(1, to.name());
                    s.setString(2, reason);
                    s.setLong(3, now);
                    s.setObject(4, id);
                    s.setString(5, from.name());
                });
    }

    /** Whether a later command for the same leaf exists: the desired value may be that one's now. */
    boolean laterCommandFor(VehicleCommand command) throws SQLException {
        return !many("SELECT " + COLUMNS + " FROM vehicle_command WHERE thing_name = ? AND attribute = ? AND id <> ? "
                + "AND (created_at > ? OR desired_version > ?) LIMIT 1", s -> {
                    s.setString(1, command.vehicle());
                    s.setString(2, command.attribute());
                    s.setObject(3, command.id());
                    s.setLong(4, command.createdAt());
                    s.setLong(5, command.desiredVersion() == null ? Long.MAX_VALUE : command.desiredVersion());
                }).isEmpty();
    }

    /**
     * Written commands the vehicle has not received by their expiry; a command stored without one expires
     * {@code defaultExpiryMillis} after it was created.
     */
    List<VehicleCommand> overduePending(long now, long defaultExpiryMillis) throws SQLException {
        return many("SELECT " + COLUMNS + " FROM vehicle_command WHERE status = 'PENDING' "
                + "AND desired_version IS NOT NULL"
                + " AND COALESCE(expires_at, created_at + ?) <= ? ORDER BY created_at", s -> {
                    s.setLong(1, defaultExpiryMillis);
                    s.setLong(2, now);
                });
    }

    /** Open commands of a vehicle whose desired state has been written, oldest first. */
    List<VehicleCommand> openWritten(String vehicle) throws SQLException {
        return many("SELECT " + COLUMNS + " FROM vehicle_command WHERE thing_name = ? AND " + OPEN
                + " AND desired_version IS NOT NULL ORDER BY created_at", s -> s.setString(1, vehicle));
    }

    /** Received commands without an outcome since before {@code cutoff}, marked TIMED_OUT in the same statement. */
    List<VehicleCommand> timeOut(long cutoff, String reason, long now) throws SQLException {
        return many("UPDATE vehicle_command SET status = 'TIMED_OUT', reason = ?, updated_at = ? WHERE status = "
                + "'DELIVERED' AND updated_at < ? RETURNING " + COLUMNS, s -> {
                    s.setString(1, reason);
                    s.setLong(2, now);
                    s.setLong(3, cutoff);
                });
    }

    Optional<VehicleCommand> find(UUID id) throws SQLException {
        return single("SELECT " + COLUMNS + " FROM vehicle_command WHERE id = ?", s -> s.setObject(1, id));
    }

    Optional<VehicleCommand> find(String vehicle, UUID id) throws SQLException {
        return single("SELECT " + COLUMNS + " FROM vehicle_command WHERE id = ? AND thing_name = ?", s -> {
            s.setObject(1, id);
            s.setString(2, vehicle);
        });
    }

    List<VehicleCommand> history(String vehicle, int limit) throws SQLException {
        return many("SELECT " + COLUMNS + " FROM vehicle_command WHERE thing_name = ? ORDER BY created_at DESC "
                + "LIMIT ?", s -> {
                    s.setString(1, vehicle);
                    s.setInt(2, limit);
                });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private Optional<VehicleCommand> single(String sql, Binder binder) throws SQLException {
        List<VehicleCommand> rows = many(sql, binder);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<VehicleCommand> many(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<VehicleCommand> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(read(r));
                }
            }
            return rows;
        }
    }

    private static VehicleCommand read(ResultSet r) throws SQLException {
        long version = r.getLong(7);
        Long desiredVersion = r.wasNull() ? null : version;
        Object value;
        try {
            value = JSON.readValue(r.getString(4), Object.class);
        } catch (IOException e) {
            throw new SQLException("unreadable command value " + r.getString(4), e);
        }
        return new VehicleCommand(r.getObject(1, UUID.class), r.getString(2), r.getString(3), value,
                CommandStatus.valueOf(r.getString(5)), r.getString(6), desiredVersion, r.getString(8),
                r.getString(9), r.getLong(10), r.getLong(11), r.getObject(12, Long.class));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
