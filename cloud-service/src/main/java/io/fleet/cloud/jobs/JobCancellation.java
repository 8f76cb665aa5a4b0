package io.fleet.cloud.jobs;

import io.fleet.cloud.controlplane.ControlPlaneException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * CancelJob, CancelJobExecution and DeleteJob inside one transaction each, with AWS IoT's rules: a QUEUED execution
 * is canceled always, an IN_PROGRESS one only with {@code force}; an ended execution cannot be canceled; a job is
 * deleted only once it ended (COMPLETED or CANCELED) unless {@code force}. Every canceled or deleted pending
 * execution is announced to its thing through the returned events.
 */
final class JobCancellation {

    private final JobStore jobs;
    private final JobExecutionStore executions;

    JobCancellation(JobStore jobs, JobExecutionStore executions) {
        this.jobs = jobs;
        this.executions = executions;
    }

    List<PendingJobsNotifier.Event> cancelJob(Connection c, Job job, boolean force, long now) throws SQLException {
        if (job.status().equals("COMPLETED")) {
            throw ControlPlaneException.invalidStateTransition("Job " + job.id() + " is COMPLETED and cannot be "
                    + "canceled");
        }
        List<JobExecution> cancelable = executions.query(c, "SELECT " + JobExecutionStore.COLUMNS
                + " FROM job_execution WHERE job_id = ? AND (status = 'QUEUED' OR (? AND status = 'IN_PROGRESS'))",
                job.id(), force);
        PendingChanges changes = PendingChanges.lock(c, executions,
                cancelable.stream().map(JobExecution::thingName).toList());
        for (JobExecution execution : cancelable) {
            executions.update(c, execution.canceled(execution.statusDetails(), now));
        }
        jobs.setStatus(c, job.id(), "CANCELED", now);
        return changes.events(c, now);
    }

    List<PendingJobsNotifier.Event> cancelExecution(Connection c, String thing, String jobId, boolean force,
                                                    Long expectedVersion, Map<String, String> statusDetails,
                                                    long now) throws SQLException {
        PendingChanges changes = PendingChanges.lock(c, executions, List.of(thing));
        JobExecution execution = executions.execution(c, thing, jobId).orElseThrow(() ->
                ControlPlaneException.notFound("Job execution of job " + jobId + " on thing " + thing
                        + " cannot be found."));
        if (expectedVersion != null && expectedVersion != execution.versionNumber()) {
            throw ControlPlaneException.versionConflict("expectedVersion " + expectedVersion + " is not the job "
                    + "execution's version " + execution.versionNumber());
        }
        if (execution.status().isTerminal()) {
            throw ControlPlaneException.invalidStateTransition("The job execution is " + execution.status()
                    + " and cannot be canceled");
        }
        if (execution.status() == ExecutionStatus.IN_PROGRESS && !force) {
            throw ControlPlaneException.invalidStateTransition("The job execution is IN_PROGRESS: cancel it with "
                    + "force");
        }
        executions.update(c, execution.canceled(statusDetails == null ? execution.statusDetails() : statusDetails,
                now));
        jobs.completeIfDone(c, jobId, now);
        return changes.events(c, now);
    }

    List<PendingJobsNotifier.Event> deleteJob(Connection c, Job job, boolean force, long now) throws SQLException {
        if (job.status().equals("IN_PROGRESS") && !force) {
            throw ControlPlaneException.invalidStateTransition("Job " + job.id() + " is IN_PROGRESS: delete it "
                    + "with force, or cancel it first");
        }
        List<String> things = executions.query(c, "SELECT " + JobExecutionStore.COLUMNS + " FROM job_execution "
                + "WHERE job_id = ? AND status IN ('QUEUED', 'IN_PROGRESS')", job.id()).stream()
                .map(JobExecution::thingName).toList();
        PendingChanges changes = PendingChanges.lock(c, executions, things);
        jobs.delete(c, job.id());
        return changes.events(c, now);
    }
}
