package io.fleet.cloud.ingest.scenario;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event found in a drive log.
 *
 * @param type   the scenario type ({@code hard-braking}, {@code high-speed}, {@code standstill}, {@code left-turn},
 *               {@code right-turn})
 * @param start  when it began (UTC)
 * @param end    when it ended (UTC)
 * @param values the values that triggered it, by name (speeds in m/s, headings in degrees, durations in seconds)
 */
public record Scenario(String type, Instant start, Instant end, Map<String, Double> values) {

    public Scenario {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException(type + " ends at " + end + " before it starts at " + start);
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static Scenario of(String type, long startNanos, long endNanos, Map<String, Double> values) {
        return new Scenario(type, instant(startNanos), instant(endNanos), values);
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
