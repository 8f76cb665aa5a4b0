package io.fleet.cloud.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of a campaign with what traces its result back: the job, the rig and its software version, the drive log
 * (catalog id, URL, sha256), the window replayed and the scenario it came from.
 *
 * @param dbcs     the DBCs the catalog decoded the drive log with when the run was created (JSON array of
 *                 {@code {key, sha256}})
 * @param measured the values the rig reported (JSON object text: frames, latenessP99Us, ...)
 * @param attempts every lease of the run, oldest first
 */
public record CampaignRun(long id, long campaignId, RunState state, int attempt, Optional<String> rig,
                          Optional<String> rigSoftware, Optional<String> jobId, Optional<Long> driveLogId,
                          String driveLog, Optional<String> sha256, String dbcs, Optional<RunWindow> window,
                          Optional<RunPlan.Scenario> scenario, Optional<String> verdict, Optional<String> measured,
                          Optional<String> results, Optional<String> reason, Instant queuedAt,
                          Optional<Instant> leaseExpiresAt, Optional<Instant> startedAt, Optional<Instant> endedAt,
                          List<Attempt> attempts) {

    public CampaignRun {
        attempts = List.copyOf(attempts);
    }

    /** One lease of a run: on which rig, as which job, and how it ended (empty while it holds). */
    public record Attempt(int attempt, String rig, String jobId, Optional<String> outcome, Optional<String> reason,
                          Instant leasedAt, Optional<Instant> endedAt) {
    }
}
