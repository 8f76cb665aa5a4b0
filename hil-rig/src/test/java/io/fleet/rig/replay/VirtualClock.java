package io.fleet.rig.replay;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A test clock: parking advances virtual time instead of blocking, so a single sender thread hits every deadline
 * exactly and tests run in microseconds. With several parking threads time still only moves forward, but a thread
 * may wake later than it asked.
 */
public final class VirtualClock implements ReplayClock {

    private final AtomicLong now;

    public VirtualClock(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void parkNanos(long nanos) {
        now.addAndGet(Math.max(nanos, 1));
    }

    @Override
    public void spinWait() {
        now.incrementAndGet();
    }

    public void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
