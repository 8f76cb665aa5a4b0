package io.fleet.cloud.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The listing poller's persisted place in its pass over a prefix: the last key it has taken, so that a restart
 * mid-pass goes on after it, and how many passes are complete.
 */
final class IngestCursor {

    private final DataSource dataSource;
    private final String bucket;
    private final String prefix;

    IngestCursor(DataSource dataSource, String bucket, String prefix) {
        this.dataSource = dataSource;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** The key to list after, or empty at the start of a pass. */
    Optional<String> startAfter() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT start_after FROM ingest_cursor WHERE bucket = ? AND prefix = ?")) {
            s.setString(1, bucket);
            s.setString(2, prefix);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Records progress within a pass, in the transaction that took the page's objects. */
    void advance(Connection c, String lastKey, Instant now) throws SQLException {
        upsert(c, lastKey, false, now);
    }

    /** The pass reached the end of the listing: the next starts from the beginning. */
    void completePass(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            upsert(c, null, true, now);
        }
    }

    long passes() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT passes FROM ingest_cursor WHERE bucket = ? AND prefix = ?")) {
            s.setString(1, bucket);
            s.setString(2, prefix);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private void upsert(Connection c, String startAfter, boolean passComplete, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO ingest_cursor (bucket, prefix, start_after, passes, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (bucket, prefix) DO UPDATE SET start_after = EXCLUDED.start_after,
                    passes = ingest_cursor.passes + EXCLUDED.passes, updated_at = EXCLUDED.updated_at""")) {
            s.setString(1, bucket);
            s.setString(2, prefix);
            s.setString(3, startAfter);
            s.setLong(4, passComplete ? 1 : 0);
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }
}
