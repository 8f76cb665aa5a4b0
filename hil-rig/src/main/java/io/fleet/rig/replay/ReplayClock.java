package io.fleet.rig.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * The monotonic time base of a rig and the way threads wait on it. Injected so scheduling is testable without
 * sleeping: tests use a virtual clock whose {@link #parkNanos} advances time instead of blocking.
 */
public interface ReplayClock {

    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Blocks the calling thread for about {@code nanos} (may return early or late). */
    void parkNanos(long nanos);

    /** One iteration of a busy wait. */
    void spinWait();

    /** {@link System#nanoTime()}, {@link LockSupport#parkNanos(long)} and {@link Thread#onSpinWait()}. */
    static ReplayClock system() {
        return SystemClock.SPINNING;
    }

    /**
     * The real clock, but busy waits call {@link Thread#yield()}: when more threads want to spin than there are
     * cores (several outputs, the DUT's receivers), a yielding spinner hands its core over at once instead of
     * holding it for a whole scheduler slice, which would make the others milliseconds late.
     */
    static ReplayClock systemYielding() {
        return SystemClock.YIELDING;
    }

    /**
     * The real clock for {@code spinners} threads busy-waiting at once: pure spinning while each can have a core of
     * its own with one core left for everything else, yielding spins otherwise.
     */
    static ReplayClock systemFor(int spinners) {
        return spinners < Runtime.getRuntime().availableProcessors() ? system() : systemYielding();
    }

    /** The real clock; {@code yielding} picks {@link Thread#yield()} over {@link Thread#onSpinWait()}. */
    enum SystemClock implements ReplayClock {
        SPINNING(false),
        YIELDING(true);

        private final boolean yielding;

        SystemClock(boolean yielding) {
            this.yielding = yielding;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }

        @Override
        public void spinWait() {
            if (yielding) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
