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

    /** Reads and row-locks the given shadows, in key order so that concurrent lanes cannot deadlock. */
    public Map<ShadowKey, ShadowRow> lockAll(Connection c, Collection<ShadowKey> keys) throws SQLException {
        Map<ShadowKey, ShadowRow> rows = new HashMap<>();
        List<ShadowKey> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        StringBuilder sql = new StringBuilder(
                "SELECT thing_name, shadow_name, version, document, updated_at, deleted_at IS NOT NULL "
                        + "FROM shadow WHERE "
                        + "(thing_name, shadow_name) IN (");
        for (int i = 0; i < sorted.size(); i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        sql.append(") ORDER BY thing_name, shadow_name FOR UPDATE");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (ShadowKey key : sorted) {
                ps.setString(p++, key.thingName());
                ps.setString(p++, key.shadowName());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(new ShadowKey(rs.getString(1), rs.getString(2)),
                            new ShadowRow(rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getBoolean(6)));
                }
            }
        }
        return rows;
    }

    /**
     * Inserts new shadows and updates existing ones. Returns false when another writer got there first (a row that
     * should be new exists), so the caller retries its transaction.
     */
    public boolean writeAll(Connection c, Map<ShadowKey, ShadowRow> inserts, Map<ShadowKey, ShadowRow> updates)
            throws SQLException {
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shadow (thing_name, shadow_name, version, "
                    + "document, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Map.Entry<ShadowKey, ShadowRow> e : inserts.entrySet()) {
                    bind(ps, e.getKey(), e.getValue());
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    if (n == 0) {
                        return false;
                    }
                }
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE shadow SET version = ?, document = ?, "
                    + "updated_at = ?, deleted_at = ? WHERE thing_name = ? AND shadow_name = ?")) {
                for (Map.Entry<ShadowKey, ShadowRow> e : updates.entrySet()) {
                    ps.setLong(1, e.getValue().version());
                    ps.setString(2, e.getValue().document());
                    ps.setLong(3, e.getValue().updatedAt());
                    setDeletedAt(ps, 4, e.getValue());
                    ps.setString(5, e.getKey().thingName());
                    ps.setString(6, e.getKey().shadowName());
                    ps.addBatch();
                }
                ps.executeBatch();
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
