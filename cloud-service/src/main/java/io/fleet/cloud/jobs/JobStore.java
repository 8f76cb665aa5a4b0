package io.fleet.cloud.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JDBC access to the job tables of V11. Every method runs inside the caller's transaction. */
final class JobStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, target_selection, status, description, document, targets::text, "
            + "in_progress_timeout_minutes, retry_criteria::text, created_at, last_updated_at, completed_at";
    private static final String SELECTED = COLUMNS + ", reason_code, comment";

    /** False when a job with that id exists already (nothing written then). */
    boolean insert(Connection c, Job job) throws SQLException {
        JobSpec spec = job.spec();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job (" + COLUMNS.replace("::text", "")
                + ") VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, spec.jobId());
            ps.setString(2, job.targetSelection());
            ps.setString(3, job.status());
            ps.setString(4, spec.description());
            ps.setString(5, spec.document());
            ps.setString(6, json(spec.targets()));
            ps.setObject(7, spec.timeoutMinutes());
            ps.setString(8, spec.retryCriteria().isEmpty() ? null : json(spec.retryCriteria()));
            ps.setLong(9, job.createdAt());
            ps.setLong(10, job.lastUpdatedAt());
            ps.setObject(11, job.completedAt());
            return ps.executeUpdate() == 1;
        }
    }

    /** One QUEUED execution per thing, numbered after the thing's earlier executions. */
    void queueExecutions(Connection c, String jobId, Collection<String> things, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_execution (job_id, thing_name, "
                + "execution_number, status, version_number, queued_at, last_updated_at) VALUES (?, ?, "
                + "(SELECT COALESCE(max(execution_number), 0) + 1 FROM job_execution WHERE thing_name = ?), "
                + "'QUEUED', 1, ?, ?)")) {
            for (String thing : things) {
                ps.setString(1, jobId);
                ps.setString(2, thing);
                ps.setString(3, thing);
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Marks an IN_PROGRESS job COMPLETED once none of its executions is QUEUED or IN_PROGRESS any more. */
    void completeIfDone(Connection c, String jobId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE job SET status = 'COMPLETED', completed_at = ?, "
                + "last_updated_at = ? WHERE id = ? AND status = 'IN_PROGRESS' AND NOT EXISTS (SELECT 1 FROM "
                + "job_execution WHERE job_id = ? AND status IN ('QUEUED', 'IN_PROGRESS'))")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, jobId);
            ps.setString(4, jobId);
            ps.executeUpdate();
        }
    }

    /** A job's new status; CANCELED ends it. */
    void setStatus(Connection c, String jobId, String status, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE job SET status = ?, last_updated_at = ?, "
                + "completed_at = COALESCE(completed_at, ?) WHERE id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setString(4, jobId);
            ps.executeUpdate();
        }
    }

    /** CancelJob's reason; a later cancel without one keeps the earlier. */
    void setCancelReason(Connection c, String jobId, String reasonCode, String comment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE job SET reason_code = COALESCE(?, reason_code), "
                + "comment = COALESCE(?, comment) WHERE id = ?")) {
            ps.setString(1, reasonCode);
            ps.setString(2, comment);
            ps.setString(3, jobId);
            ps.executeUpdate();
        }
    }

    /** Deletes the job and, with it, its executions. */
    void delete(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM job WHERE id = ?")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
    }

    Optional<Job> job(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SELECTED + " FROM job WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs, executionsByStatus(c, id))) : Optional.empty();
            }
        }
    }

    /**
     * Up to {@code limit} jobs after {@code after} (null: from the first) in id order; null filters keep all,
     * {@code targetArn} keeps jobs that list that ARN among their targets.
     */
    List<Job> jobs(Connection c, String after, int limit, String status, String targetSelection, String targetArn)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SELECTED + " FROM job "
                + "WHERE (?::text IS NULL OR id > ?) AND (?::text IS NULL OR status = ?) "
                + "AND (?::text IS NULL OR target_selection = ?) AND (?::jsonb IS NULL OR targets @> ?::jsonb) "
                + "ORDER BY id LIMIT " + limit)) {
            String containing = targetArn == null ? null : json(List.of(targetArn));
            String[] parameters = {after, after, status, status, targetSelection, targetSelection, containing,
                containing};
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(job(rs, Map.of()));
                }
            }
            return jobs;
        }
    }

    private static Map<String, Integer> executionsByStatus(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, count(*) FROM job_execution WHERE job_id = ? "
                + "GROUP BY status")) {
            ps.setString(1, jobId);
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
            return counts;
        }
    }

    private static Job job(ResultSet rs, Map<String, Integer> executionsByStatus) throws SQLException {
        try {
            List<String> targets = JSON.readValue(rs.getString(6), new TypeReference<>() {
            });
            String retries = rs.getString(8);
            List<RetryCriterion> criteria = retries == null ? List.of()
                    : JSON.readValue(retries, new TypeReference<List<RetryCriterion>>() {
                    });
            JobSpec spec = new JobSpec(rs.getString(1), targets, rs.getString(5), rs.getString(4),
                    rs.getObject(7, Long.class), criteria);
            return new Job(spec, rs.getString(2), rs.getString(3), rs.getLong(9), rs.getLong(10),
                    rs.getObject(11, Long.class), executionsByStatus, rs.getString(12), rs.getString(13));
        } catch (JsonProcessingException e) {
            throw new SQLException("job " + rs.getString(1) + " has unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of strings and records always serialize", e);
        }
    }
}
