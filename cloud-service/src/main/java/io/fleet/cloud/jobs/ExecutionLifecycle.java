package io.fleet.cloud.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * What follows when an execution ends, whoever ended it (device, timeout, cancel): a FAILED or TIMED_OUT execution
 * is queued again as a new execution (next execution number, version 1) while the job's
 * {@code jobExecutionsRetryConfig} allows another attempt; a job whose executions have all ended is COMPLETED.
 * Runs inside the caller's transaction.
 */
final class ExecutionLifecycle {

    private final JobStore jobs;
    private final JobExecutionStore executions;

    ExecutionLifecycle(JobStore jobs, JobExecutionStore executions) {
        this.jobs = jobs;
        this.executions = executions;
    }

    /** Stores {@code ended} (a terminal state), then retries or completes as the job says. */
    void store(Connection c, JobExecution ended, long now) throws SQLException {
        executions.update(c, ended);
        if (!ended.status().isTerminal()) {
            return;
        }
        Job job = jobs.job(c, ended.jobId()).orElseThrow(() -> new SQLException("execution without job "
                + ended.jobId()));
        if (ended.retryAttempt() < allowedRetries(job.spec(), ended.status())) {
            executions.update(c, new JobExecution(ended.jobId(), ended.thingName(), nextExecutionNumber(c,
                    ended.thingName()), ExecutionStatus.QUEUED, Map.of(), 1, now, null, now, null, null,
                    ended.retryAttempt() + 1, false));
        }
        jobs.completeIfDone(c, ended.jobId(), now);
    }

    /** How often an execution that ended so may be retried: the criterion for its type, else the one for ALL. */
    static int allowedRetries(JobSpec spec, ExecutionStatus status) {
        if (status != ExecutionStatus.FAILED && status != ExecutionStatus.TIMED_OUT) {
            return 0;
        }
        int all = 0;
        for (RetryCriterion criterion : spec.retryCriteria()) {
            if (criterion.failureType().equals(status.name())) {
                return criterion.numberOfRetries();
            }
            if (criterion.failureType().equals("ALL")) {
                all = criterion.numberOfRetries();
            }
        }
        return all;
    }

    private static long nextExecutionNumber(Connection c, String thing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(execution_number), 0) + 1 "
                + "FROM job_execution WHERE thing_name = ?")) {
            ps.setString(1, thing);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
