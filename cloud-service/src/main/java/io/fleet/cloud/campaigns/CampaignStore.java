package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Campaigns, their runs and run attempts in PostgreSQL (V19); every method works in the caller's transaction. */
final class CampaignStore {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final String CAMPAIGN_COLUMNS = "id, name, capabilities, outputs, expect, match, priority, "
            + "retries, created_by, created_at, canceled_at, capture";
    static final String RUN_COLUMNS = "id, campaign_id, state, attempt, rig, rig_software, job_id, drive_log_id, "
            + "drive_log, sha256, seek_seconds, window_seconds, scenario_type, scenario_start, scenario_end, verdict, "
            + "measured, results, reason, queued_at, lease_expires_at, started_at, ended_at, dbcs";

    long insert(Connection c, CampaignRequest request, String user, Instant now) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO campaigns (name, capabilities, outputs, expect, "
                + "match, priority, retries, created_by, created_at, capture) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, request.name());
            s.setString(2, json(request.capabilities()));
            s.setString(3, request.outputs().toString());
            s.setString(4, request.expect() == null ? null : request.expect().toString());
            s.setString(5, request.match() == null ? null : request.match().toString());
            s.setInt(6, request.priority());
            s.setInt(7, request.retries());
            s.setString(8, user);
            s.setTimestamp(9, Timestamp.from(now));
            s.setBoolean(10, request.capture());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        return id;
    }

    void insertRuns(Connection c, long campaignId, int priority, List<RunPlan> plans, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO campaign_runs (campaign_id, priority, "
                + "drive_log_id, drive_log, sha256, seek_seconds, window_seconds, scenario_type, scenario_start, "
                + "scenario_end, state, queued_at, dbcs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)")) {
            for (RunPlan plan : plans) {
                s.setLong(1, campaignId);
                s.setInt(2, priority);
                s.setObject(3, plan.driveLogId().orElse(null), Types.BIGINT);
                s.setString(4, plan.driveLog());
                s.setString(5, plan.sha256().orElse(null));
                s.setObject(6, plan.window().map(RunWindow::seek).orElse(null), Types.DOUBLE);
                s.setObject(7, plan.window().map(RunWindow::seconds).orElse(null), Types.DOUBLE);
                s.setString(8, plan.scenario().map(RunPlan.Scenario::type).orElse(null));
                s.setTimestamp(9, plan.scenario().map(x -> Timestamp.from(x.start())).orElse(null));
                s.setTimestamp(10, plan.scenario().map(x -> Timestamp.from(x.end())).orElse(null));
                s.setTimestamp(11, Timestamp.from(now));
                s.setString(12, plan.dbcs());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The campaign with its runs and their attempts. */
    Optional<Campaign> campaign(Connection c, long id) throws SQLException {
        List<Campaign> found = campaigns(c, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<CampaignRun> runs = runs(c, "campaign_id = ?", id);
        Campaign campaign = found.get(0);
        return Optional.of(new Campaign(campaign.id(), campaign.name(), campaign.capabilities(), campaign.outputs(),
                campaign.expect(), campaign.match(), campaign.capture(), campaign.priority(), campaign.retries(),
                campaign.createdBy(), campaign.createdAt(), campaign.canceledAt(), campaign.counts(), runs));
    }

    /**
     * Campaigns newest first, with their run counts but without their runs: those with an id below {@code before}
     * (all without), at most {@code limit} (all without).
     */
    List<Campaign> campaigns(Connection c, Optional<Long> before, OptionalInt limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + CAMPAIGN_COLUMNS + " FROM campaigns WHERE id < ? "
                + "ORDER BY id DESC LIMIT ?")) {
            s.setLong(1, before.orElse(Long.MAX_VALUE));
            if (limit.isPresent()) {
                s.setInt(2, limit.getAsInt());
            } else {
                s.setNull(2, Types.INTEGER); // LIMIT NULL: no limit
            }
            return withCounts(c, read(s));
        }
    }

    /** How many campaigns there are. */
    long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM campaigns");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<Campaign> campaigns(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + CAMPAIGN_COLUMNS + " FROM campaigns WHERE id = ?")) {
            s.setLong(1, id);
            return withCounts(c, read(s));
        }
    }

    private static List<Campaign> read(PreparedStatement s) throws SQLException {
        List<Campaign> campaigns = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                campaigns.add(new Campaign(r.getLong(1), r.getString(2), strings(r.getString(3)), r.getString(4),
                        Optional.ofNullable(r.getString(5)), Optional.ofNullable(r.getString(6)),
                        r.getBoolean(12), r.getInt(7),
                        r.getInt(8), r.getString(9), r.getTimestamp(10).toInstant(), instant(r, 11),
                        Map.of(), List.of()));
            }
        }
        return campaigns;
    }

    /** {@code campaigns} with their run counts per state. */
    private static List<Campaign> withCounts(Connection c, List<Campaign> campaigns) throws SQLException {
        Map<Long, Map<RunState, Integer>> counts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT campaign_id, state, count(*) FROM campaign_runs "
                + "WHERE campaign_id = ANY(?) GROUP BY campaign_id, state")) {
            s.setArray(1, c.createArrayOf("bigint", campaigns.stream().map(Campaign::id).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.computeIfAbsent(r.getLong(1), k -> new EnumMap<>(RunState.class))
                            .put(RunState.valueOf(r.getString(2)), r.getInt(3));
                }
            }
        }
        return campaigns.stream().map(x -> new Campaign(x.id(), x.name(), x.capabilities(), x.outputs(), x.expect(),
                x.match(), x.capture(), x.priority(), x.retries(), x.createdBy(), x.createdAt(), x.canceledAt(),
                counts.getOrDefault(x.id(), Map.of()), x.runs())).toList();
    }

    /** The runs matching {@code where} (one bound id), in id order, with their attempts. */
    List<CampaignRun> runs(Connection c, String where, long id) throws SQLException {
        Map<Long, List<CampaignRun.Attempt>> attempts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT run_id, attempt, rig, job_id, outcome, reason, "
                + "leased_at, ended_at FROM run_attempts WHERE run_id IN (SELECT id FROM campaign_runs WHERE "
                + where + ") ORDER BY run_id, attempt")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attempts.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new CampaignRun.Attempt(
                            r.getInt(2), r.getString(3), r.getString(4), Optional.ofNullable(r.getString(5)),
                            Optional.ofNullable(r.getString(6)), r.getTimestamp(7).toInstant(), instant(r, 8)));
                }
            }
        }
        List<CampaignRun> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM campaign_runs WHERE " + where
                + " ORDER BY id")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(run(r, attempts.getOrDefault(r.getLong(1), List.of())));
                }
            }
        }
        return runs;
    }

    private static CampaignRun run(ResultSet r, List<CampaignRun.Attempt> attempts) throws SQLException {
        double seek = r.getDouble(11);
        Optional<RunWindow> window = r.wasNull() ? Optional.empty()
                : Optional.of(new RunWindow(seek, r.getDouble(12)));
        String scenarioType = r.getString(13);
        Optional<RunPlan.Scenario> scenario = scenarioType == null ? Optional.empty()
                : Optional.of(new RunPlan.Scenario(scenarioType, r.getTimestamp(14).toInstant(),
                r.getTimestamp(15).toInstant()));
        long driveLogId = r.getLong(8);
        Optional<Long> logId = r.wasNull() ? Optional.empty() : Optional.of(driveLogId);
        return new CampaignRun(r.getLong(1), r.getLong(2), RunState.valueOf(r.getString(3)), r.getInt(4),
                Optional.ofNullable(r.getString(5)), Optional.ofNullable(r.getString(6)),
                Optional.ofNullable(r.getString(7)), logId, r.getString(9), Optional.ofNullable(r.getString(10)),
                r.getString(24), window, scenario, Optional.ofNullable(r.getString(16)),
                Optional.ofNullable(r.getString(17)), Optional.ofNullable(r.getString(18)),
                Optional.ofNullable(r.getString(19)),
                r.getTimestamp(20).toInstant(), instant(r, 21), instant(r, 22), instant(r, 23), attempts);
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> strings(String jsonArray) {
        try {
            return List.of(JSON.readValue(jsonArray, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON array of strings: " + jsonArray, e);
        }
    }
}
