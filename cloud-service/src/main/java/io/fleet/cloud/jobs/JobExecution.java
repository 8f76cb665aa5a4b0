package io.fleet.cloud.jobs;

import java.util.Map;

/**
 * One thing's execution of one job, as stored. Times are epoch milliseconds; {@code startedAt} is null until the
 * execution goes IN_PROGRESS, the two deadlines are null when no timeout applies.
 *
 * @param statusDetails what the device last reported, name to value
 */
public record JobExecution(String jobId, String thingName, long executionNumber, ExecutionStatus status,
                           Map<String, String> statusDetails, long versionNumber, long queuedAt, Long startedAt,
                           long lastUpdatedAt, Long stepTimeoutAt, Long inProgressTimeoutAt, int retryAttempt,
                           boolean forceCanceled) {

    public JobExecution {
        statusDetails = Map.copyOf(statusDetails);
    }

    /** The execution moved to {@code next} at {@code now}, one version on, deadlines as given. */
    JobExecution moved(ExecutionStatus next, Map<String, String> details, long now, Long stepDeadline,
                       Long inProgressDeadline) {
        Long started = startedAt == null && next == ExecutionStatus.IN_PROGRESS ? Long.valueOf(now) : startedAt;
        return new JobExecution(jobId, thingName, executionNumber, next, details, versionNumber + 1, queuedAt,
                started, now, next == ExecutionStatus.IN_PROGRESS ? stepDeadline : null,
                next == ExecutionStatus.IN_PROGRESS ? inProgressDeadline : null, retryAttempt, forceCanceled);
    }

    /** Canceled by the service at {@code now}; {@code force} says it was IN_PROGRESS. */
    JobExecution canceled(Map<String, String> details, long now) {
        return new JobExecution(jobId, thingName, executionNumber, ExecutionStatus.CANCELED, details,
                versionNumber + 1, queuedAt, startedAt, now, null, null, retryAttempt,
                status == ExecutionStatus.IN_PROGRESS);
    }

    /** The earliest deadline, or null. */
    Long deadline() {
        if (stepTimeoutAt == null) {
            return inProgressTimeoutAt;
        }
        return inProgressTimeoutAt == null ? stepTimeoutAt : Math.min(stepTimeoutAt, inProgressTimeoutAt);
    }
}
