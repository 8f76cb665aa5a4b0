package io.fleet.cloud.campaigns;

import java.time.Duration;
import java.time.Instant;

/**
 * The part of a drive log a run replays, as the rig's replay takes it: {@code seek} seconds after the log's first
 * frame, for {@code seconds}.
 */
public record RunWindow(double seek, double seconds) {

    /** Margin around a scenario's span, so the replay starts before the event and ends after it. */
    static final Duration SCENARIO_MARGIN = Duration.ofSeconds(5);

    /** From {@code from} to {@code to} of a log whose first frame is at {@code firstFrame}. */
    static RunWindow between(Instant firstFrame, Instant from, Instant to) {
        return new RunWindow(seconds(Duration.between(firstFrame, from)), seconds(Duration.between(from, to)));
    }

    /** A scenario's span with {@link #SCENARIO_MARGIN} on both sides, never before the first frame. */
    static RunWindow aroundScenario(Instant firstFrame, Instant start, Instant end) {
        Instant from = start.minus(SCENARIO_MARGIN);
        if (from.isBefore(firstFrame)) {
            from = firstFrame;
        }
        return between(firstFrame, from, end.plus(SCENARIO_MARGIN));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
