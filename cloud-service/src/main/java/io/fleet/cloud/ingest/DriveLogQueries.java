package io.fleet.cloud.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fleet.cloud.users.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * The catalog's read side, always as a {@link User}: admins see every vehicle's drive logs, owners only their own
 * vehicles'. Queries run on the given executor and answer with futures (failed ones, never exceptions).
 */
public final class DriveLogQueries {

    private static final String COLUMNS = "id, bucket, object_key, vehicle, size, sha256, format, status, error, "
            + "warnings, start_time, end_time, frames, frames_per_channel, superseded_by, discovered_at, "
            + "ingested_at, ingest_millis, unknown_id_frames, trip_distance_m, trip_duration_s, trip_max_speed_mps";
    private static final int LIMIT = 1000;

    /** Filter of a listing; a time range matches logs that overlap it, a scenario type logs that have one. */
    public record Filter(Optional<String> vehicle, Optional<String> scenario, Optional<Instant> from,
                         Optional<Instant> to) {
    }

    private final DataSource dataSource;
    private final Executor executor;

    public DriveLogQueries(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /** The newest {@value #LIMIT} matching drive logs the user may see, newest first. */
    public CompletableFuture<List<DriveLog>> list(User user, Filter filter) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM drive_logs WHERE true");
            List<Object> parameters = new ArrayList<>();
            if (!user.isAdmin()) {
                sql.append(" AND vehicle = ANY (?)");
                parameters.add(user.vehicles());
            }
            filter.vehicle().ifPresent(v -> {
                sql.append(" AND vehicle = ?");
                parameters.add(v);
            });
            filter.scenario().ifPresent(type -> {
                sql.append(" AND EXISTS (SELECT 1 FROM drive_log_scenarios s WHERE s.drive_log_id = drive_logs.id"
                        + " AND s.type = ?)");
                parameters.add(type);
            });
            filter.from().ifPresent(from -> {
                sql.append(" AND end_time >= ?");
                parameters.add(Timestamp.from(from));
            });
            filter.to().ifPresent(to -> {
                sql.append(" AND start_time <= ?");
                parameters.add(Timestamp.from(to));
            });
            sql.append(" ORDER BY id DESC LIMIT " + LIMIT);
            return query(sql.toString(), parameters);
        }, executor);
    }

    /** The drive log, when it exists and the user may see it (another owner's is as absent as a missing one). */
    public CompletableFuture<Optional<DriveLogDetail>> get(User user, long id) {
        return CompletableFuture.supplyAsync(() -> query("SELECT " + COLUMNS + " FROM drive_logs WHERE id = ?",
                List.of(id)).stream().filter(log -> user.mayAccess(log.vehicle())).findFirst()
                .map(this::detail), executor);
    }

    private DriveLogDetail detail(DriveLog log) {
        List<SignalSummary> signals = new ArrayList<>();
        List<UsedDbc> dbcs = new ArrayList<>();
        List<String> derived = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT message, signal, unit, count, min, max, mean "
                    + "FROM drive_log_signals WHERE drive_log_id = ? ORDER BY message, signal")) {
                s.setLong(1, log.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        signals.add(new SignalSummary(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                                r.getDouble(5), r.getDouble(6), r.getDouble(7)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT dbc_key, sha256 FROM drive_log_dbcs WHERE drive_log_id = ? ORDER BY dbc_key")) {
                s.setLong(1, log.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        dbcs.add(new UsedDbc(r.getString(1), r.getString(2)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT object_key FROM drive_log_derived_objects "
                    + "WHERE drive_log_id = ? ORDER BY object_key")) {
                s.setLong(1, log.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        derived.add(r.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
        return new DriveLogDetail(log, signals, dbcs, derived, ScenarioQueries.ofDriveLog(dataSource, log.id()));
    }

    private List<DriveLog> query(String sql, List<Object> parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object p = parameters.get(i);
                if (p instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            List<DriveLog> logs = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    logs.add(row(r));
                }
            }
            return logs;
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    private static DriveLog row(ResultSet r) throws SQLException {
        return new DriveLog(r.getLong("id"), r.getString("bucket"), r.getString("object_key"),
                r.getString("vehicle"), r.getLong("size"), Optional.ofNullable(r.getString("sha256")),
                Optional.ofNullable(r.getString("format")), DriveLogStatus.valueOf(r.getString("status")),
                Optional.ofNullable(r.getString("error")), parse(r.getString("warnings"), new TypeReference<>() { },
                List.of()), instant(r, "start_time"), instant(r, "end_time"), number(r, "frames"),
                parse(r.getString("frames_per_channel"), new TypeReference<Map<String, Long>>() { }, Map.of()),
                number(r, "superseded_by"), r.getTimestamp("discovered_at").toInstant(),
                instant(r, "ingested_at"), number(r, "ingest_millis"), number(r, "unknown_id_frames"),
                new TripSummary(real(r, "trip_distance_m"), real(r, "trip_duration_s"), real(r, "trip_max_speed_mps")));
    }

    private static Optional<Instant> instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    private static Optional<Double> real(ResultSet r, String column) throws SQLException {
        double value = r.getDouble(column);
        return r.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Long> number(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static <T> T parse(String json, TypeReference<T> type, T none) {
        if (json == null) {
            return none;
        }
        try {
            return DriveLogCatalog.JSON.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("drive_logs holds invalid JSON: " + json, e);
        }
    }
}
