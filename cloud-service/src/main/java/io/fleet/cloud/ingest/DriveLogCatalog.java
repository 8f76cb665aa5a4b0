package io.fleet.cloud.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The catalog's write side in PostgreSQL: new object versions become PENDING entries (once each, across restarts
 * and instances: {@code drive_log_objects} remembers every version taken), workers claim entries with an expiring
 * claim ({@code FOR UPDATE SKIP LOCKED}), and an ingest ends as INGESTED, FAILED or merged into an identical entry.
 */
public final class DriveLogCatalog {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One object of a listing page. */
    record ListedObject(RawObjectKey key, String etag, long size) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public DriveLogCatalog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Takes a listing page: every object version not taken before becomes a PENDING entry, and the cursor moves past
     * the page, in one transaction, so a crash either keeps both or neither.
     *
     * @return the ids of the new entries
     */
    List<Long> discover(String bucket, List<ListedObject> page, IngestCursor cursor, String lastKey)
            throws SQLException {
        return discover(bucket, page, Optional.of(c -> cursor.advance(c, lastKey, clock.instant())));
    }

    /**
     * Takes the objects of S3 event notifications: every version not taken before becomes a PENDING entry, committed
     * when this returns.
     *
     * @return the ids of the new entries
     */
    List<Long> discover(String bucket, List<ListedObject> created) throws SQLException {
        return discover(bucket, created, Optional.empty());
    }

    /** What else commits with the new entries (the listing cursor). */
    private interface AlongWith {
        void run(Connection c) throws SQLException;
    }

    private List<Long> discover(String bucket, List<ListedObject> objects, Optional<AlongWith> alongWith)
            throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> taken = objects.isEmpty() ? new HashSet<>() : taken(c, bucket, objects);
                List<Long> created = new ArrayList<>();
                for (ListedObject object : objects) {
                    if (taken.add(object.key().key() + '\n' + object.etag())) {
                        take(c, bucket, object, now).ifPresent(created::add);
                    }
                }
                if (alongWith.isPresent()) {
                    alongWith.get().run(c);
                }
                c.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Set<String> taken(Connection c, String bucket, List<ListedObject> page) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT object_key, etag FROM drive_log_objects WHERE bucket = ? AND object_key = ANY (?)")) {
            s.setString(1, bucket);
            s.setArray(2, c.createArrayOf("text", page.stream().map(o -> o.key().key()).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    taken.add(r.getString(1) + '\n' + r.getString(2));
                }
            }
        }
        return taken;
    }

    /** A PENDING entry, unless another instance took this version in the meantime. */
    private static Optional<Long> take(Connection c, String bucket, ListedObject object, Instant now)
            throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO drive_logs (bucket, object_key, etag, vehicle, size, status, discovered_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', ?) RETURNING id""")) {
            s.setString(1, bucket);
            s.setString(2, object.key().key());
            s.setString(3, object.etag());
            s.setString(4, object.key().vehicle());
            s.setLong(5, object.size());
            s.setTimestamp(6, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO drive_log_objects (bucket, object_key, etag, drive_log_id) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            s.setString(1, bucket);
            s.setString(2, object.key().key());
            s.setString(3, object.etag());
            s.setLong(4, id);
            if (s.executeUpdate() == 1) {
                return Optional.of(id);
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM drive_logs WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        return Optional.empty();
    }

    /** The oldest PENDING entry nobody holds a live claim on, now claimed by {@code worker} for {@code claim}. */
    Optional<ClaimedDriveLog> claimNext(String worker, Duration claim) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE drive_logs SET claimed_by = ?, claimed_until = ? WHERE id = (
                    SELECT id FROM drive_logs WHERE status = 'PENDING'
                        AND (claimed_until IS NULL OR claimed_until < ?)
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, bucket, object_key, etag, vehicle, size""")) {
            s.setString(1, worker);
            s.setTimestamp(2, Timestamp.from(now.plus(claim)));
            s.setTimestamp(3, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClaimedDriveLog(r.getLong(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getLong(6)));
            }
        }
    }

    /**
     * Extends {@code worker}'s lease on a log it is ingesting to {@code claim} from now; false when the claim is no
     * longer its own (it expired and another worker took the log, or the log was finished).
     */
    boolean renewClaim(ClaimedDriveLog log, String worker, Duration claim) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE drive_logs SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND status = 'PENDING'""")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().plus(claim)));
            s.setLong(2, log.id());
            s.setString(3, worker);
            return s.executeUpdate() == 1;
        }
    }

    /** The objects an earlier ingest of this (reprocessed) log derived. */
    List<String> derivedKeys(long id) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT object_key FROM drive_log_derived_objects WHERE drive_log_id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
        }
        return keys;
    }

    /** The current (not superseded, no longer pending) entry of the same key with these bytes, if any. */
    Optional<Long> currentOfKeyWithHash(ClaimedDriveLog log, String sha256) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT id FROM drive_logs WHERE bucket = ? AND object_key = ? AND id <> ? AND status <> 'PENDING'
                    AND superseded_by IS NULL AND sha256 = ? ORDER BY id DESC LIMIT 1""")) {
            s.setString(1, log.bucket());
            s.setString(2, log.key());
            s.setLong(3, log.id());
            s.setString(4, sha256);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * Ends an ingest. Only the worker still holding the claim may: a worker that outlived its claim finds the entry
     * taken over and changes nothing ({@code false}).
     */
    boolean finish(ClaimedDriveLog log, String worker, IngestOutcome outcome, Duration took) throws SQLException {
        return finish(log, worker, outcome, took, clock.instant());
    }

    /** As {@link #finish(ClaimedDriveLog, String, IngestOutcome, Duration)}, recorded as ingested {@code at}. */
    boolean finish(ClaimedDriveLog log, String worker, IngestOutcome outcome, Duration took, Instant at)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean done;
                if (outcome instanceof IngestOutcome.Duplicate duplicate) {
                    done = merge(c, log, worker, duplicate.existingId());
                } else if (outcome instanceof IngestOutcome.Ingested ingested) {
                    done = record(c, log, worker, DriveLogStatus.INGESTED, ingested.sha256(), ingested.summary(),
                            null, took, at);
                    if (done) {
                        recordDerived(c, log.id(), ingested.derivedKeys());
                        ScenarioRecords.insert(c, log.id(), ingested.findings());
                    }
                } else {
                    IngestOutcome.Failed failed = (IngestOutcome.Failed) outcome;
                    done = record(c, log, worker, DriveLogStatus.FAILED, failed.sha256(), null, failed, took, at);
                }
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean merge(Connection c, ClaimedDriveLog log, String worker, long existingId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM drive_logs WHERE id = ? AND claimed_by = ? AND status = 'PENDING' FOR UPDATE")) {
            s.setLong(1, log.id());
            s.setString(2, worker);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE drive_log_objects SET drive_log_id = ? WHERE drive_log_id = ?")) {
            s.setLong(1, existingId);
            s.setLong(2, log.id());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM drive_logs WHERE id = ?")) {
            s.setLong(1, log.id());
            s.executeUpdate();
        }
        return true;
    }

    private static boolean record(Connection c, ClaimedDriveLog log, String worker, DriveLogStatus status,
                                  String sha256, LogSummary summary, IngestOutcome.Failed failure, Duration took,
                                  Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE drive_logs SET status = ?, sha256 = ?, format = ?, error = ?, warnings = ?, start_time = ?,
                    end_time = ?, frames = ?, frames_per_channel = ?, ingested_at = ?, ingest_millis = ?,
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ? AND status = 'PENDING'""")) {
            s.setString(1, status.name());
            s.setString(2, sha256);
            s.setString(3, summary != null ? summary.format() : failure.format());
            s.setString(4, failure != null ? failure.error() : null);
            s.setString(5, json(summary != null ? summary.warnings() : List.of()));
            s.setTimestamp(6, summary == null ? null : summary.start().map(Timestamp::from).orElse(null));
            s.setTimestamp(7, summary == null ? null : summary.end().map(Timestamp::from).orElse(null));
            if (summary != null) {
                s.setLong(8, summary.frames());
            } else {
                s.setNull(8, Types.BIGINT);
            }
            s.setString(9, summary != null ? json(summary.framesPerChannel()) : null);
            s.setTimestamp(10, Timestamp.from(at));
            s.setLong(11, took.toMillis());
            s.setLong(12, log.id());
            s.setString(13, worker);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        if (summary != null) {
            recordSignals(c, log.id(), summary);
        }
        // same key, new bytes: the older entries of the key are superseded by this one, and kept for lineage
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE drive_logs SET superseded_by = ? WHERE bucket = ? AND object_key = ? AND id < ?
                    AND status <> 'PENDING' AND superseded_by IS NULL""")) {
            s.setLong(1, log.id());
            s.setString(2, log.bucket());
            s.setString(3, log.key());
            s.setLong(4, log.id());
            s.executeUpdate();
        }
        return true;
    }

    private static void recordSignals(Connection c, long id, LogSummary summary) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE drive_logs SET unknown_id_frames = ? WHERE id = ?")) {
            s.setLong(1, summary.unknownIdFrames());
            s.setLong(2, id);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO drive_log_signals (drive_log_id, message, signal, unit, count, min, max, mean)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (SignalSummary signal : summary.signals()) {
                s.setLong(1, id);
                s.setString(2, signal.message());
                s.setString(3, signal.signal());
                s.setString(4, signal.unit());
                s.setLong(5, signal.count());
                s.setDouble(6, signal.min());
                s.setDouble(7, signal.max());
                s.setDouble(8, signal.mean());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO drive_log_dbcs (drive_log_id, dbc_key, sha256) VALUES (?, ?, ?)")) {
            for (UsedDbc dbc : summary.dbcs()) {
                s.setLong(1, id);
                s.setString(2, dbc.key());
                s.setString(3, dbc.sha256());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Lineage: the objects written from the log, replacing those of an earlier ingest (reprocessing). */
    private static void recordDerived(Connection c, long id, List<String> keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM drive_log_derived_objects WHERE drive_log_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO drive_log_derived_objects (drive_log_id, object_key) VALUES (?, ?)
                ON CONFLICT DO NOTHING""")) {
            for (String key : keys) {
                s.setLong(1, id);
                s.setString(2, key);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
