package io.fleet.cloud.campaigns;

import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiException;
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

/**
 * Turns a campaign request's {@code runs} or {@code scenarios} into the runs to queue, against the drive-log
 * catalog: a drive log id must be an ingested log (404 when there is none), a window must lie after the log's first
 * frame, and an {@code s3://} URL is linked to its catalog row when the catalog has it.
 */
final class RunPlanner {

    private static final String LOG_COLUMNS = "id, bucket, object_key, sha256, start_time, status";

    private record CatalogLog(long id, String url, String sha256, Instant firstFrame, String status) {
    }

    List<RunPlan> plan(Connection c, CampaignRequest request) throws SQLException {
        if (request.scenarios().isPresent()) {
            return scenarioRuns(c, request.scenarios().get());
        }
        List<RunPlan> plans = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < request.runs().size(); i++) {
            plans.add(plan(c, "runs[" + i + "]", request.runs().get(i), problems));
        }
        if (!problems.isEmpty()) {
            throw CampaignRequest.invalid(problems);
        }
        return plans;
    }

    private RunPlan plan(Connection c, String at, CampaignRequest.RunRequest run, List<String> problems)
            throws SQLException {
        Optional<CatalogLog> log;
        if (run.driveLogId().isPresent()) {
            long id = run.driveLogId().get();
            log = find(c, "id = ?", s -> s.setLong(1, id));
            if (log.isEmpty()) {
                throw new ApiException(ApiError.notFound(at + ".driveLogId: no drive log " + id));
            }
        } else {
            String url = run.driveLog().orElseThrow();
            int slash = url.indexOf('/', "s3://".length());
            log = find(c, "bucket = ? AND object_key = ? AND superseded_by IS NULL AND status = 'INGESTED'", s -> {
                s.setString(1, url.substring("s3://".length(), slash));
                s.setString(2, url.substring(slash + 1));
            });
        }
        if (log.isPresent() && !log.get().status().equals("INGESTED")) {
            problems.add(at + ".driveLogId: drive log " + log.get().id() + " is " + log.get().status()
                    + "; only an ingested log can be replayed");
        }
        Optional<String> sha256 = run.sha256().or(() -> log.map(CatalogLog::sha256));
        if (run.sha256().isPresent() && log.isPresent() && !run.sha256().get().equals(log.get().sha256())) {
            problems.add(at + ".sha256: differs from the catalog's " + log.get().sha256() + " for drive log "
                    + log.get().id());
        }
        Optional<RunWindow> window = Optional.empty();
        if (run.from().isPresent()) {
            if (log.isEmpty() || log.get().firstFrame() == null) {
                problems.add(at + ".window: needs a drive log of the catalog (its first frame is the origin); "
                        + run.driveLog().orElse("") + " is not catalogued");
            } else if (run.from().get().isBefore(log.get().firstFrame())) {
                problems.add(at + ".window.from: " + run.from().get() + " is before the log's first frame "
                        + log.get().firstFrame());
            } else {
                window = Optional.of(RunWindow.between(log.get().firstFrame(), run.from().get(), run.to().get()));
            }
        }
        return new RunPlan(log.map(CatalogLog::id), log.map(CatalogLog::url).orElse(run.driveLog().orElse(null)),
                sha256, log.isPresent() ? dbcs(c, log.get().id()) : "[]", window, Optional.empty());
    }

    private List<RunPlan> scenarioRuns(Connection c, CampaignRequest.ScenarioQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT d.id, d.bucket, d.object_key, d.sha256, d.start_time, "
                + "s.type, s.start_time, s.end_time FROM drive_log_scenarios s JOIN drive_logs d ON d.id = "
                + "s.drive_log_id WHERE s.type = ? AND d.status = 'INGESTED' AND d.superseded_by IS NULL");
        List<Object> params = new ArrayList<>(List.of(query.type()));
        query.vehicle().ifPresent(v -> {
            sql.append(" AND d.vehicle = ?");
            params.add(v);
        });
        query.from().ifPresent(from -> {
            sql.append(" AND s.start_time >= ?");
            params.add(Timestamp.from(from));
        });
        query.to().ifPresent(to -> {
            sql.append(" AND s.end_time <= ?");
            params.add(Timestamp.from(to));
        });
        sql.append(" ORDER BY s.start_time, s.id");
        List<RunPlan> plans = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Instant first = r.getTimestamp(5).toInstant();
                    Instant start = r.getTimestamp(7).toInstant();
                    Instant end = r.getTimestamp(8).toInstant();
                    plans.add(new RunPlan(Optional.of(r.getLong(1)), url(r.getString(2), r.getString(3)),
                            Optional.ofNullable(r.getString(4)), dbcs(c, r.getLong(1)), Optional.of(
                            RunWindow.aroundScenario(first, start, end)), Optional.of(new RunPlan.Scenario(
                            r.getString(6), start, end))));
                }
            }
        }
        if (plans.isEmpty()) {
            throw CampaignRequest.invalid(List.of("scenarios: no ingested drive log has a scenario of type "
                    + query.type() + query.vehicle().map(v -> " for vehicle " + v).orElse("")
                    + " in that time range"));
        }
        if (plans.size() > CampaignRequest.MAX_RUNS) {
            throw CampaignRequest.invalid(List.of("scenarios: " + plans.size() + " scenarios match, more than "
                    + CampaignRequest.MAX_RUNS + " runs; narrow the query with vehicle, from or to"));
        }
        return plans;
    }

    /** The DBCs the catalog decoded drive log {@code id} with, as JSON {@code [{"key", "sha256"}]}. */
    private static String dbcs(Connection c, long id) throws SQLException {
        List<Map<String, String>> dbcs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT dbc_key, sha256 FROM drive_log_dbcs WHERE "
                + "drive_log_id = ? ORDER BY dbc_key")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, String> dbc = new LinkedHashMap<>();
                    dbc.put("key", r.getString(1));
                    dbc.put("sha256", r.getString(2));
                    dbcs.add(dbc);
                }
            }
        }
        return CampaignStore.json(dbcs);
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private static Optional<CatalogLog> find(Connection c, String where, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + LOG_COLUMNS + " FROM drive_logs WHERE " + where
                + " ORDER BY id DESC LIMIT 1")) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Timestamp first = r.getTimestamp(5);
                return Optional.of(new CatalogLog(r.getLong(1), url(r.getString(2), r.getString(3)),
                        r.getString(4), first == null ? null : first.toInstant(), r.getString(6)));
            }
        }
    }

    private static String url(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }
}
