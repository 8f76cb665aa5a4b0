package io.fleet.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Test fixture: a clock that tests move forward instead of sleeping. {@link #standingStill()} moves only when told;
 * {@link #ticking()} follows the system clock plus whatever the test added (for a whole running service).
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    private AdjustableClock(Clock base) {
        this.base = base;
    }

    public static AdjustableClock standingStill() {
        return new AdjustableClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    public static AdjustableClock ticking() {
        return new AdjustableClock(Clock.systemUTC());
    }

    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
