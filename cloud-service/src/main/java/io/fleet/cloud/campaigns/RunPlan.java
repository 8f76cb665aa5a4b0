package io.fleet.cloud.campaigns;

import java.time.Instant;
import java.util.Optional;

/**
 * A run as it is queued: its drive log (the catalog row when there is one), the part of it to replay and the
 * scenario it came from.
 *
 * @param dbcs the DBCs the catalog decoded the log with, {@code [{"key", "sha256"}]} (JSON), copied now: reprocessing
 *             the log later replaces the catalog's list
 */
public record RunPlan(Optional<Long> driveLogId, String driveLog, Optional<String> sha256, String dbcs,
                      Optional<RunWindow> window, Optional<Scenario> scenario) {

    /** The catalog scenario a run replays, copied (reprocessing a log replaces its scenario rows). */
    public record Scenario(String type, Instant start, Instant end) {
    }
}
