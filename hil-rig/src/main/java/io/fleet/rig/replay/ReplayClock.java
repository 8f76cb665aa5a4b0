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
        return SystemClock.INSTANCE;
    }

    /** The real clock. */
    enum SystemClock implements ReplayClock {
        INSTANCE;

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
            Thread.onSpinWait();
        }
    }
}
