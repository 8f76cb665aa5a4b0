package io.fleet.rig.replay;

import io.fleet.model.Checks;

/**
 * The one monotonic timeline shared by every output of a rig. A record's send deadline is absolute:
 * {@code start + pausedTotal + offset / speed}, where {@code offset} is the record's log time minus the first
 * replayed record's log time. Absolute deadlines keep errors from accumulating the way relative sleeps do.
 *
 * <p>Thread-safe: sender threads wait on it, the controlling thread pauses and resumes it.
 */
public final class ReplayTimeline {

    /** How long a paused sender parks before it looks again. */
    private static final long PAUSED_POLL_NANOS = 1_000_000;

    private final ReplayClock clock;
    private final double speed;
    private final long spinNanos;
    private volatile long startNanos;
    private volatile long pausedTotalNanos;
    private volatile long pausedSinceNanos = -1;

    /**
     * @param speed     playback speed factor (2.0 = twice as fast)
     * @param spinNanos how long before a deadline a waiting thread stops parking and starts spinning; parking
     *                  overshoots by tens of microseconds on a VM, spinning does not
     */
    public ReplayTimeline(ReplayClock clock, double speed, long spinNanos) {
        this.clock = Checks.notNull(clock, "clock");
        Checks.check(speed > 0 && Double.isFinite(speed), "speed", "must be a positive finite number", speed);
        this.speed = speed;
        this.spinNanos = Checks.nonNegative(spinNanos, "spinNanos");
    }

    /** Starts the timeline {@code leadNanos} from now, giving the reader time to fill the queues. */
    public void start(long leadNanos) {
        startNanos = clock.nanoTime() + leadNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    public ReplayClock clock() {
        return clock;
    }

    public double speed() {
        return speed;
    }

    /** Absolute clock time at which a record at {@code logOffsetNanos} is due. */
    public long deadline(long logOffsetNanos) {
        return startNanos + pausedTotalNanos + (long) (logOffsetNanos / speed);
    }

    /** Time on the timeline (clock time minus start and pauses), in nanoseconds of wall time. */
    public long elapsedNanos() {
        long paused = pausedTotalNanos;
        long since = pausedSinceNanos;
        long now = clock.nanoTime();
        if (since >= 0) {
            paused += now - since;
        }
        return now - startNanos - paused;
    }

    /** Stops the timeline; deadlines shift by however long it stays paused. Called by the controlling thread. */
    public synchronized void pause() {
        if (pausedSinceNanos < 0) {
            pausedSinceNanos = clock.nanoTime();
        }
    }

    public synchronized void resume() {
        if (pausedSinceNanos >= 0) {
            pausedTotalNanos += clock.nanoTime() - pausedSinceNanos;
            pausedSinceNanos = -1;
        }
    }

    public boolean isPaused() {
        return pausedSinceNanos >= 0;
    }

    /**
     * Waits until the record at {@code logOffsetNanos} is due: parks until {@code spinNanos} before the deadline,
     * then spins. Re-reads the deadline every round so a pause in between takes effect.
     *
     * @return the clock time when the wait ended (at or after the deadline)
     */
    public long awaitDeadline(long logOffsetNanos) {
        while (!waitTowards(logOffsetNanos, Long.MAX_VALUE)) {
            // parked; look at the deadline again
        }
        return clock.nanoTime();
    }

    /**
     * One step of {@link #awaitDeadline}: returns true once the record is due. Before the spin window it parks, at
     * most {@code maxParkNanos}, and returns false so the caller can look at its queues again; inside the window it
     * spins to the deadline.
     */
    public boolean waitTowards(long logOffsetNanos, long maxParkNanos) {
        while (true) {
            if (isPaused()) {
                clock.parkNanos(PAUSED_POLL_NANOS);
                return false;
            }
            long remaining = deadline(logOffsetNanos) - clock.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (remaining > spinNanos) {
                clock.parkNanos(Math.min(remaining - spinNanos, maxParkNanos));
                return false;
            }
            clock.spinWait();
        }
    }
}
