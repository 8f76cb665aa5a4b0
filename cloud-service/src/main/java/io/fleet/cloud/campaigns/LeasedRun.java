package io.fleet.cloud.campaigns;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A LEASED or RUNNING run with what the dispatcher knows of its lease: its job execution on the rig (empty when
 * the job is gone) and the rig's presence.
 *
 * @param executionStatus the AWS IoT Jobs execution status (QUEUED, IN_PROGRESS, SUCCEEDED, ...)
 * @param lastUpdate      when the execution last changed (the rig's last heartbeat)
 */
record LeasedRun(long id, long campaignId, RunState state, String rig, String jobId, int attempt, int lostLeases,
                 int retries, Instant leasedAt, Optional<String> executionStatus, Map<String, String> details,
                 Optional<Instant> lastUpdate, boolean online) {

    LeasedRun {
        details = Map.copyOf(details);
    }
}
