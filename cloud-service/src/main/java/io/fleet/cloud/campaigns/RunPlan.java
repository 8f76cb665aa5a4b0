package io.fleet.cloud.campaigns;

import java.time.Instant;
import java.util.Optional;

/**
 * A run as it is queued: its drive log (the catalog row when there is one), the part of it to replay and the
 * scenario it came from.
 */
public record RunPlan(Optional<Long> driveLogId, String driveLog, Optional<String> sha256, Optional<RunWindow> window,
               Optional<Scenario> scenario) {

    /** The catalog scenario a run replays, copied (reprocessing a log replaces its scenario rows). */
    public record Scenario(String type, Instant start, Instant end) {
    }
}
