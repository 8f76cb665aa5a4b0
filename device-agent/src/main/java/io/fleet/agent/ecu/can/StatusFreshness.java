package io.fleet.agent.ecu.can;

import io.fleet.model.can.dbc.DbcDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When each status message last arrived, to tell a known state from an unknown or stale one: a body controller
 * that falls silent leaves its last speed standing, and a car that drives off meanwhile must not look parked to the
 * interlocks. A message is stale after {@value #STALE_AFTER_CYCLES} of its cycles ({@code GenMsgCycleTime}, else
 * 100 ms). Adapter thread only, except {@link #allSeen()}.
 */
final class StatusFreshness {

    static final int STALE_AFTER_CYCLES = 10;
    private static final int DEFAULT_CYCLE_MS = 100;

    private final Clock clock;
    private final Map<String, Duration> maxAge = new TreeMap<>();
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private volatile boolean allSeen;

    StatusFreshness(DbcDatabase db, List<String> statusMessages, Clock clock) {
        this.clock = clock;
        for (String message : statusMessages) {
            int cycle = db.message(message).orElseThrow().cycleTimeMillis().orElse(DEFAULT_CYCLE_MS);
            maxAge.put(message, Duration.ofMillis((long) cycle * STALE_AFTER_CYCLES));
        }
    }

    void received(String message) {
        if (maxAge.containsKey(message)) {
            lastSeen.put(message, clock.instant());
            allSeen = lastSeen.size() == maxAge.size();
        }
    }

    /** Every status message has arrived at least once. */
    boolean allSeen() {
        return allSeen;
    }

    /** Why the state cannot be trusted now, or empty when every status message is fresh. */
    Optional<String> problem() {
        Instant now = clock.instant();
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        maxAge.forEach((message, max) -> {
            Instant seen = lastSeen.get(message);
            if (seen == null) {
                missing.add(message);
            } else if (Duration.between(seen, now).compareTo(max) > 0) {
                stale.add(message + " for " + Duration.between(seen, now).toMillis() + " ms");
            }
        });
        if (!missing.isEmpty()) {
            return Optional.of("the vehicle's state is not known yet: no status from " + String.join(", ", missing));
        }
        return stale.isEmpty() ? Optional.empty()
                : Optional.of("the vehicle's state is stale: no status from " + String.join(", ", stale));
    }
}
