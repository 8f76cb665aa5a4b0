package io.fleet.cloud.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Moves IN_PROGRESS executions whose step timeout ({@code stepTimeoutInMinutes}) or in-progress timeout (the
 * job's {@code timeoutConfig.inProgressTimeoutInMinutes}, counted from the start) has passed to TIMED_OUT, and
 * retries them when the job's {@code jobExecutionsRetryConfig} allows. The deadlines are columns of
 * {@code job_execution}, so a restarted service times out what was due while it was down. Runs inside the
 * caller's transaction, a bounded batch at a time.
 */
final class JobTimeouts {

    static final int BATCH = 100;

    /** How many executions were due in one sweep, and the events for their things. */
    record Swept(int due, List<PendingJobsNotifier.Event> events) {
    }

    private final JobExecutionStore executions;
    private final ExecutionLifecycle lifecycle;

    JobTimeouts(JobExecutionStore executions, ExecutionLifecycle lifecycle) {
        this.executions = executions;
        this.lifecycle = lifecycle;
    }

    /** Times out what is due at {@code now}; the events tell the things concerned. */
    Swept timeOutDue(Connection c, long now) throws SQLException {
        List<JobExecution> due = due(c, now);
        if (due.isEmpty()) {
            return new Swept(0, List.of());
        }
        PendingChanges changes = PendingChanges.lock(c, executions, due.stream().map(JobExecution::thingName)
                .toList());
        for (JobExecution candidate : due) {
            // read again under the thing's lock: the device may have finished it meanwhile
            var current = executions.execution(c, candidate.thingName(), candidate.jobId());
            if (current.isPresent() && current.get().status() == ExecutionStatus.IN_PROGRESS
                    && current.get().deadline() != null && current.get().deadline() <= now) {
                lifecycle.store(c, current.get().moved(ExecutionStatus.TIMED_OUT, current.get().statusDetails(),
                        now, null, null), now);
            }
        }
        return new Swept(due.size(), changes.events(c, now));
    }

    private List<JobExecution> due(Connection c, long now) throws SQLException {
        return executions.query(c, "SELECT " + JobExecutionStore.COLUMNS + " FROM job_execution "
                + "WHERE status = 'IN_PROGRESS' AND LEAST(step_timeout_at, in_progress_timeout_at) <= ? "
                + "ORDER BY LEAST(step_timeout_at, in_progress_timeout_at) LIMIT " + BATCH, now);
    }
}
