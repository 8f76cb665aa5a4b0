package io.fleet.cloud.jobs;

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

/** JDBC access to job executions (V11, V13). Every method runs inside the caller's transaction. */
final class JobExecutionStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS = "job_id, thing_name, execution_number, status, status_details::text, "
            + "version_number, queued_at, started_at, last_updated_at, step_timeout_at, in_progress_timeout_at, "
            + "retry_attempt, force_canceled";
    /** AWS's order of a thing's pending executions: IN_PROGRESS ones first, each kind oldest first. */
    private static final String PENDING_ORDER = " ORDER BY status <> 'IN_PROGRESS', execution_number";

    /**
     * Serializes the requests of one thing until the transaction ends (two start-next at once must not start two
     * jobs), without locking anyone else's executions.
     */
    void lockThing(Connection c, String thing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('job-thing:' || ?))")) {
            ps.setString(1, thing);
            ps.executeQuery().close();
        }
    }

    /** The thing's QUEUED and IN_PROGRESS executions, in AWS's order (the first is {@code $next}). */
    List<JobExecution> pending(Connection c, String thing) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM job_execution WHERE thing_name = ? "
                + "AND status IN ('QUEUED', 'IN_PROGRESS')" + PENDING_ORDER, thing);
    }

    Optional<JobExecution> execution(Connection c, String thing, String jobId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM job_execution WHERE thing_name = ? AND job_id = ?", thing,
                jobId).stream().findFirst();
    }

    /**
     * Up to {@code limit} executions after {@code after} (null: from the first); of one job in thing order
     * ({@code byJob}) or of one thing in job order; {@code status} null keeps all.
     */
    List<JobExecution> page(Connection c, boolean byJob, String key, String status, String after, int limit)
            throws SQLException {
        String owner = byJob ? "job_id" : "thing_name";
        String order = byJob ? "thing_name" : "job_id";
        return query(c, "SELECT " + COLUMNS + " FROM job_execution WHERE " + owner + " = ? AND (?::text IS NULL "
                + "OR status = ?) AND (?::text IS NULL OR " + order + " > ?) ORDER BY " + order + " LIMIT " + limit,
                key, status, status, after, after);
    }

    /** Writes everything but the keys and the queue time. */
    void update(Connection c, JobExecution e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE job_execution SET status = ?, "
                + "status_details = ?::jsonb, version_number = ?, started_at = ?, last_updated_at = ?, "
                + "step_timeout_at = ?, in_progress_timeout_at = ?, retry_attempt = ?, force_canceled = ?, "
                + "execution_number = ? WHERE job_id = ? AND thing_name = ?")) {
            ps.setString(1, e.status().name());
            ps.setString(2, e.statusDetails().isEmpty() ? null : json(e.statusDetails()));
            ps.setLong(3, e.versionNumber());
            ps.setObject(4, e.startedAt());
            ps.setLong(5, e.lastUpdatedAt());
            ps.setObject(6, e.stepTimeoutAt());
            ps.setObject(7, e.inProgressTimeoutAt());
            ps.setInt(8, e.retryAttempt());
            ps.setBoolean(9, e.forceCanceled());
            ps.setLong(10, e.executionNumber());
            ps.setString(11, e.jobId());
            ps.setString(12, e.thingName());
            ps.executeUpdate();
        }
    }

    /** The job's document as stored, or empty when the job is gone. */
    Optional<String> document(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT document FROM job WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The job's in-progress timeout in minutes, or null. */
    Long inProgressTimeoutMinutes(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT in_progress_timeout_minutes FROM job WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, Long.class) : null;
            }
        }
    }

    List<JobExecution> query(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<JobExecution> executions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    executions.add(execution(rs));
                }
            }
            return executions;
        }
    }

    private static JobExecution execution(ResultSet rs) throws SQLException {
        String details = rs.getString(5);
        Map<String, String> statusDetails;
        try {
            statusDetails = details == null ? Map.of() : JSON.readValue(details, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new SQLException("execution of job " + rs.getString(1) + " on " + rs.getString(2)
                    + " has unreadable status details: " + e.getOriginalMessage(), e);
        }
        return new JobExecution(rs.getString(1), rs.getString(2), rs.getLong(3),
                ExecutionStatus.valueOf(rs.getString(4)), statusDetails, rs.getLong(6), rs.getLong(7),
                rs.getObject(8, Long.class), rs.getLong(9), rs.getObject(10, Long.class),
                rs.getObject(11, Long.class), rs.getInt(12), rs.getBoolean(13));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
