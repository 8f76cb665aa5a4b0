package io.fleet.cloud.jobs;

import java.util.List;
import java.util.Map;

/**
 * A job as stored, with how many of its executions are in each state ({@code executionsByStatus}: QUEUED,
 * IN_PROGRESS, ...; empty in listings). Times are epoch milliseconds; {@code completedAt} is null until the job
 * ends; {@code reasonCode} and {@code comment} are CancelJob's, null until then.
 */
public record Job(JobSpec spec, String targetSelection, String status, long createdAt, long lastUpdatedAt,
                  Long completedAt, Map<String, Integer> executionsByStatus, String reasonCode, String comment) {

    public Job {
        executionsByStatus = Map.copyOf(executionsByStatus);
    }

    public String id() {
        return spec.jobId();
    }

    public List<String> targets() {
        return spec.targets();
    }
}
