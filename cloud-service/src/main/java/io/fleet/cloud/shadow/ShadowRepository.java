package io.fleet.cloud.shadow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import javax.sql.DataSource;

/**
 * JDBC access to the shadow table. A deleted shadow stays as a tombstone row ({@code deleted_at} set) that keeps its
 * version for AWS's version continuation; see {@link ShadowRow}. Methods taking a {@link Connection} run inside
 * the caller's transaction.
 */
public final class ShadowRepository {

    private final DataSource dataSource;

    public ShadowRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A row as read, with its write counter ({@code revision}, bumped by every write). */
    public record Stored(ShadowRow row, long revision) {
    }

    /** A write to an existing row that applies only while the row still has {@code expectedRevision}. */
    public record Change(ShadowRow row, long expectedRevision) {
    }

    /**
     * Reads the given shadows; with {@code lock}, also row-locks them (SELECT ... FOR UPDATE) in key order so that
     * concurrent lanes cannot deadlock.
     */
    public Map<ShadowKey, Stored> readAll(Connection c, Collection<ShadowKey> keys, boolean lock)
            throws SQLException {
        Map<ShadowKey, Stored> rows = new HashMap<>();
        List<ShadowKey> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        String sql = "SELECT thing_name, shadow_name, version, document, updated_at, deleted_at IS NOT NULL, "
                + "revision FROM shadow WHERE " + keyList(sorted.size())
                + (lock ? " ORDER BY thing_name, shadow_name FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindKeys(ps, sorted);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(new ShadowKey(rs.getString(1), rs.getString(2)), new Stored(
                            new ShadowRow(rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getBoolean(6)),
                            rs.getLong(7)));
                }
            }
        }
        return rows;
    }

    /** The revisions of the given shadows' rows; a shadow without a row is absent from the map. */
    public Map<ShadowKey, Long> revisions(Connection c, Collection<ShadowKey> keys) throws SQLException {
        Map<ShadowKey, Long> revisions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT thing_name, shadow_name, revision FROM shadow WHERE "
                + keyList(keys.size()))) {
            bindKeys(ps, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    revisions.put(new ShadowKey(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
        }
        return revisions;
    }

    /**
     * Inserts new shadows (revision 1) and applies changes to existing ones (revision + 1), in key order. Returns
     * false when another writer got there first (a row that should be new exists, or a changed row no longer has
     * the expected revision), so the caller rolls back and retries its transaction.
     */
    public boolean writeAll(Connection c, SortedMap<ShadowKey, ShadowRow> inserts,
                            SortedMap<ShadowKey, Change> changes) throws SQLException {
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shadow (thing_name, shadow_name, version, "
                    + "document, updated_at, deleted_at, revision) VALUES (?, ?, ?, ?, ?, ?, 1) "
                    + "ON CONFLICT DO NOTHING")) {
                for (Map.Entry<ShadowKey, ShadowRow> e : inserts.entrySet()) {
                    bind(ps, e.getKey(), e.getValue());
                    ps.addBatch();
                }
                if (!allWritten(ps.executeBatch())) {
                    return false;
                }
            }
        }
        if (!changes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE shadow SET version = ?, document = ?, "
                    + "updated_at = ?, deleted_at = ?, revision = revision + 1 "
                    + "WHERE thing_name = ? AND shadow_name = ? AND revision = ?")) {
                for (Map.Entry<ShadowKey, Change> e : changes.entrySet()) {
                    ShadowRow row = e.getValue().row();
                    ps.setLong(1, row.version());
                    ps.setString(2, row.document());
                    ps.setLong(3, row.updatedAt());
                    setDeletedAt(ps, 4, row);
                    ps.setString(5, e.getKey().thingName());
                    ps.setString(6, e.getKey().shadowName());
                    ps.setLong(7, e.getValue().expectedRevision());
                    ps.addBatch();
                }
                return allWritten(ps.executeBatch());
            }
        }
        return true;
    }

    private static boolean allWritten(int[] counts) {
        for (int n : counts) {
            if (n == 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads one shadow outside any lane (no lock); a deleted one is its tombstone. */
    public Optional<ShadowRow> find(ShadowKey key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version, document, updated_at, deleted_at IS "
                     + "NOT NULL FROM shadow WHERE thing_name = ? AND shadow_name = ?")) {
            ps.setString(1, key.thingName());
            ps.setString(2, key.shadowName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ShadowRow(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getBoolean(4))) : Optional.empty();
            }
        }
    }

    /** Names of the named shadows of a thing, sorted, for ListNamedShadowsForThing. */
    public List<String> namedShadows(String thingName, int offset, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT shadow_name FROM shadow WHERE thing_name = ? AND "
                     + "shadow_name <> '' AND deleted_at IS NULL ORDER BY shadow_name OFFSET ? LIMIT ?")) {
            ps.setString(1, thingName);
            ps.setInt(2, offset);
            ps.setInt(3, limit);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /** {@code (thing_name, shadow_name) IN ((?, ?), ...)} for {@code count} keys. */
    private static String keyList(int count) {
        StringBuilder sql = new StringBuilder("(thing_name, shadow_name) IN (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        return sql.append(')').toString();
    }

    private static void bindKeys(PreparedStatement ps, Collection<ShadowKey> keys) throws SQLException {
        int p = 1;
        for (ShadowKey key : keys) {
            ps.setString(p++, key.thingName());
            ps.setString(p++, key.shadowName());
        }
    }

    private static void bind(PreparedStatement ps, ShadowKey key, ShadowRow row) throws SQLException {
        ps.setString(1, key.thingName());
        ps.setString(2, key.shadowName());
        ps.setLong(3, row.version());
        ps.setString(4, row.document());
        ps.setLong(5, row.updatedAt());
        setDeletedAt(ps, 6, row);
    }

    private static void setDeletedAt(PreparedStatement ps, int index, ShadowRow row) throws SQLException {
        if (row.deleted()) {
            ps.setLong(index, row.updatedAt());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }
}
