package io.fleet.cloud.users;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/** Caffeine's time from an injected {@link Clock}, so tests move time instead of sleeping. */
record ClockTicker(Clock clock) implements Ticker {

    @Override
    public long read() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }
}
