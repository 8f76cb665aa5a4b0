package io.fleet.cloud.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JDBC access to the registry tables of V9; the jobs control plane reads things and groups through it to resolve
 * a job's targets. Every method runs inside the caller's transaction; names are compared
 * and ordered bytewise (the columns are {@code COLLATE "C"}), which is what pages by name rely on.
 */
public final class ThingStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    /** The thing, with {@code lock} also row-locked until the transaction ends (SELECT ... FOR UPDATE). */
    public Optional<Thing> thing(Connection c, String name, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, id, type_name, attributes::text, version "
                + "FROM thing WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(thing(rs)) : Optional.empty();
            }
        }
    }

    /** False when a thing of that name exists already (nothing written then). */
    boolean insert(Connection c, Thing thing, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO thing (name, id, type_name, attributes, version, "
                + "created_at) VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, thing.name());
            ps.setObject(2, thing.id());
            ps.setString(3, thing.typeName());
            ps.setString(4, json(thing.attributes()));
            ps.setLong(5, thing.version());
            ps.setLong(6, now);
            return ps.executeUpdate() == 1;
        }
    }

    void update(Connection c, Thing thing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE thing SET type_name = ?, attributes = ?::jsonb, "
                + "version = ? WHERE name = ?")) {
            ps.setString(1, thing.typeName());
            ps.setString(2, json(thing.attributes()));
            ps.setLong(3, thing.version());
            ps.setString(4, thing.name());
            ps.executeUpdate();
        }
    }

    void delete(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM thing WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /** Up to {@code limit} things after {@code after} (null: from the first) in name order, that pass the filter. */
    List<Thing> things(Connection c, String after, int limit, ThingFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT name, id, type_name, attributes::text, version FROM thing "
                + "WHERE (?::text IS NULL OR name > ?)");
        List<String> parameters = new ArrayList<>();
        parameters.add(after);
        parameters.add(after);
        if (filter.attributeName() != null) {
            if (filter.attributeValue() == null) {
                sql.append(" AND attributes ->> ? IS NOT NULL");
                parameters.add(filter.attributeName());
            } else if (filter.prefix()) {
                sql.append(" AND starts_with(attributes ->> ?, ?)");
                parameters.add(filter.attributeName());
                parameters.add(filter.attributeValue());
            } else {
                sql.append(" AND attributes ->> ? = ?");
                parameters.add(filter.attributeName());
                parameters.add(filter.attributeValue());
            }
        }
        if (filter.typeName() != null) {
            sql.append(" AND type_name = ?");
            parameters.add(filter.typeName());
        }
        sql.append(" ORDER BY name LIMIT ").append(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            List<Thing> things = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    things.add(thing(rs));
                }
            }
            return things;
        }
    }

    public Optional<ThingGroup> group(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, id, parent_name, description, "
                + "attributes::text, version FROM thing_group WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ThingGroup(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), attributes(rs.getString(5)), rs.getLong(6)));
            }
        }
    }

    /** False when a group of that name exists already (nothing written then). */
    boolean insert(Connection c, ThingGroup group, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO thing_group (name, id, parent_name, description, "
                + "attributes, version, created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) "
                + "ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, group.name());
            ps.setObject(2, group.id());
            ps.setString(3, group.parentName());
            ps.setString(4, group.description());
            ps.setString(5, json(group.attributes()));
            ps.setLong(6, group.version());
            ps.setLong(7, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Adding a thing that is already a member changes nothing. */
    void addMember(Connection c, String group, String thing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO thing_group_member (group_name, thing_name) "
                + "VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, group);
            ps.setString(2, thing);
            ps.executeUpdate();
        }
    }

    /**
     * Up to {@code limit} names of things in the group after {@code after} (null: from the first), in name order;
     * with {@code recursive} also those in its descendant groups, each thing once.
     */
    public List<String> members(Connection c, String group, boolean recursive, String after, int limit)
            throws SQLException {
        String groups = recursive
                ? "WITH RECURSIVE tree(name) AS (SELECT ?::text COLLATE \"C\" "
                        + "UNION SELECT g.name FROM thing_group g JOIN tree ON g.parent_name = tree.name) "
                : "WITH tree(name) AS (SELECT ?::text) ";
        try (PreparedStatement ps = c.prepareStatement(groups + "SELECT DISTINCT m.thing_name "
                + "FROM thing_group_member m JOIN tree ON m.group_name = tree.name "
                + "WHERE (?::text IS NULL OR m.thing_name > ?) "
                + "ORDER BY m.thing_name LIMIT " + limit)) {
            ps.setString(1, group);
            ps.setString(2, after);
            ps.setString(3, after);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    private static Thing thing(ResultSet rs) throws SQLException {
        return new Thing(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), attributes(rs.getString(4)),
                rs.getLong(5));
    }

    private static Map<String, String> attributes(String json) throws SQLException {
        try {
            return JSON.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new SQLException("registry attributes are not a JSON object of strings: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
