package io.fleet.cloud.ingest;

import io.fleet.cloud.controlplane.AsyncTransactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * The ingest queue as an operator sees it (admin only; the routes check): how many drive logs wait, were ingested or
 * failed and the last errors, and reprocessing, which puts ingested or failed logs back into the queue so the workers
 * read them again with the DBCs in the bucket now. A reprocessed log keeps its id: its statistics, DBCs and scenarios
 * are dropped here, and its derived objects are replaced by the new ingest's ({@link DriveLogIngester}).
 */
public final class IngestQueue {

    private static final int LAST_ERRORS = 10;

    /** One failed drive log. */
    public record Failure(long id, String key, String vehicle, String error, Optional<Instant> at) {
    }

    /** Entries by status (PENDING, INGESTED, FAILED; superseded entries not counted) and the newest failures. */
    public record Status(Map<String, Long> counts, List<Failure> lastErrors) {
    }

    private final DataSource dataSource;
    private final Executor executor;
    private final AsyncTransactions transactions;

    public IngestQueue(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
        this.transactions = new AsyncTransactions(dataSource, executor);
    }

    public CompletableFuture<Status> status() {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (DriveLogStatus status : DriveLogStatus.values()) {
                counts.put(status.name(), 0L);
            }
            List<Failure> failures = new ArrayList<>();
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement s = c.prepareStatement("SELECT status, count(*) FROM drive_logs "
                        + "WHERE superseded_by IS NULL GROUP BY status"); ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getString(1), r.getLong(2));
                    }
                }
                try (PreparedStatement s = c.prepareStatement("SELECT id, object_key, vehicle, error, ingested_at "
                        + "FROM drive_logs WHERE status = 'FAILED' AND superseded_by IS NULL "
                        + "ORDER BY ingested_at DESC NULLS LAST, id DESC LIMIT " + LAST_ERRORS);
                     ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Timestamp at = r.getTimestamp(5);
                        failures.add(new Failure(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                Optional.ofNullable(at).map(Timestamp::toInstant)));
                    }
                }
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
            return new Status(counts, failures);
        }, executor);
    }

    /** Puts one drive log back into the queue; empty when there is no such log. */
    public CompletableFuture<Optional<Long>> reprocess(long id) {
        return transactions.run(c -> requeue(c, id) ? Optional.of(id) : Optional.empty());
    }

    /** Puts every current (not superseded) drive log of the vehicle back into the queue; their ids. */
    public CompletableFuture<List<Long>> reprocessVehicle(String vehicle) {
        return transactions.run(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM drive_logs WHERE vehicle = ? "
                    + "AND superseded_by IS NULL ORDER BY id")) {
                s.setString(1, vehicle);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                requeue(c, id);
            }
            return ids;
        });
    }

    /** False when there is no such log; a PENDING one stays as it is (it is read again anyway). */
    private static boolean requeue(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM drive_logs WHERE id = ? FOR UPDATE")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                if (r.getString(1).equals(DriveLogStatus.PENDING.name())) {
                    return true;
                }
            }
        }
        for (String table : List.of("drive_log_signals", "drive_log_dbcs", "drive_log_scenarios")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE drive_log_id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE drive_logs SET status = 'PENDING', error = NULL, warnings = NULL, start_time = NULL,
                    end_time = NULL, frames = NULL, frames_per_channel = NULL, ingested_at = NULL,
                    ingest_millis = NULL, unknown_id_frames = NULL, trip_distance_m = NULL, trip_duration_s = NULL,
                    trip_max_speed_mps = NULL, claimed_by = NULL, claimed_until = NULL
                WHERE id = ?""")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        return true;
    }
}
