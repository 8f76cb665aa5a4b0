package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig pool and the run queue as PostgreSQL has them: things with {@code reported.rig} or a {@code capabilities}
 * attribute, their presence (the broker's lifecycle events, {@code vehicle_presence}) and the run each holds.
 */
final class RigStore {

    private static final Logger LOG = LoggerFactory.getLogger(RigStore.class);
    private static final String RIGS = """
            SELECT t.name, t.attributes->>'capabilities', sh.document, p.online,
                   (SELECT r.id FROM campaign_runs r WHERE r.rig = t.name AND r.state IN ('LEASED', 'RUNNING')
                    LIMIT 1)
            FROM thing t
            LEFT JOIN shadow sh ON sh.thing_name = t.name AND sh.shadow_name = '' AND sh.deleted_at IS NULL
            LEFT JOIN vehicle_presence p ON p.thing_name = t.name
            WHERE (t.attributes->'capabilities' IS NOT NULL
                   OR (sh.document LIKE '%"rig"%' AND sh.document::jsonb #> '{state,reported,rig}' IS NOT NULL))
            """;
    private static final String QUEUE = "SELECT r.id, c.capabilities, r.excluded_rigs FROM campaign_runs r "
            + "JOIN campaigns c ON c.id = r.campaign_id WHERE r.state = 'QUEUED' ORDER BY r.priority DESC, r.id";

    /** Every rig, by name. */
    List<Rig> rigs(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(RIGS + " ORDER BY t.name")) {
            return read(s);
        }
    }

    /** The rigs among {@code names}. */
    List<Rig> rigs(Connection c, List<String> names) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(RIGS + " AND t.name = ANY(?) ORDER BY t.name")) {
            s.setArray(1, c.createArrayOf("text", names.toArray()));
            return read(s);
        }
    }

    /**
     * Locks the things of {@code names} that no other transaction holds (another dispatcher leasing to them) and
     * returns their names.
     */
    List<String> lockFree(Connection c, List<String> names) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM thing WHERE name = ANY(?) ORDER BY name "
                + "FOR UPDATE SKIP LOCKED")) {
            Array array = c.createArrayOf("text", names.toArray());
            s.setArray(1, array);
            List<String> locked = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    locked.add(r.getString(1));
                }
            }
            return locked;
        }
    }

    /** The QUEUED runs in queue order; with {@code lock}, locked, skipping those another transaction holds. */
    List<QueuedRun> queue(Connection c, boolean lock, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(QUEUE + " LIMIT ?" + (lock ? " FOR UPDATE OF r SKIP LOCKED"
                : ""))) {
            s.setInt(1, limit);
            List<QueuedRun> queue = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    queue.add(new QueuedRun(r.getLong(1), CampaignStore.strings(r.getString(2)),
                            new HashSet<>(CampaignStore.strings(r.getString(3)))));
                }
            }
            return queue;
        }
    }

    private static List<Rig> read(PreparedStatement s) throws SQLException {
        List<Rig> rigs = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String name = r.getString(1);
                JsonNode reported = reportedRig(name, r.getString(3));
                List<String> capabilities = new ArrayList<>();
                if (reported.path("capabilities").isArray() && !reported.path("capabilities").isEmpty()) {
                    reported.get("capabilities").forEach(capability -> capabilities.add(capability.asText()));
                } else if (r.getString(2) != null) {
                    Arrays.stream(r.getString(2).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                            .forEach(capabilities::add);
                }
                long run = r.getLong(5);
                Optional<Long> currentRun = r.wasNull() ? Optional.empty() : Optional.of(run);
                rigs.add(new Rig(name, capabilities, r.getBoolean(4), reported.path("health").asText("unknown"),
                        reported.path("busy").asBoolean(false), text(reported, "reason"),
                        text(reported, "softwareVersion"), currentRun));
            }
        }
        return rigs;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.path(field).isTextual() ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static JsonNode reportedRig(String thing, String shadow) {
        if (shadow == null) {
            return CampaignStore.JSON.missingNode();
        }
        try {
            return CampaignStore.JSON.readTree(shadow).path("state").path("reported").path("rig");
        } catch (JsonProcessingException e) {
            LOG.warn("the shadow of rig {} is no JSON: {}", thing, e.getMessage());
            return CampaignStore.JSON.missingNode();
        }
    }
}
