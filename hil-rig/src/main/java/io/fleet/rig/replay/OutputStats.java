package io.fleet.rig.replay;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Counters of one output. Written only by that output's sender thread; the histogram and the per-second counts
 * are read after the thread has been joined, the atomic counters at any time (progress bar), the lateness so far
 * through a wait-free recorder (the rig agent's progress reports).
 */
final class OutputStats {

    /** One minute; a frame later than that is a broken run, not a measurement. */
    static final long MAX_LATENESS_NANOS = 60_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final String name;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Histogram lateness = new Histogram(MAX_LATENESS_NANOS, 3);
    /** Frames due in the first second of the timeline: where a fresh JVM's start-up shows. */
    private final Histogram firstSecondLateness = new Histogram(MAX_LATENESS_NANOS, 3);
    /** Frames due after the first second; recorded so that choosing between the two takes no branch. */
    private final Histogram laterLateness = new Histogram(MAX_LATENESS_NANOS, 3);
    private final Histogram[] byWindow = {laterLateness, firstSecondLateness};
    /** The same lateness again, for reading while the sender writes: the writer side is wait-free. */
    private final SingleWriterRecorder latenessLive = new SingleWriterRecorder(MAX_LATENESS_NANOS, 3);
    /** What {@link #latenessSoFar()} has taken from the recorder so far; only that method touches it. */
    private final Histogram latenessTaken = new Histogram(MAX_LATENESS_NANOS, 3);
    private long[] perSecond = new long[64];
    private SourceStalls stalls = SourceStalls.NONE;
    private SourceStalls firstSecondStalls = SourceStalls.NONE;
    private volatile String lastError;

    OutputStats(String name) {
        this.name = name;
    }

    /**
     * 1 for a frame due in the first second of the timeline, else 0, computed without a branch: a branch the warm-up
     * never takes (its frames are all due at once, so all in its "first second") is compiled as a trap, and the real
     * replay would leave compiled code for the interpreter 1 s in (a deoptimization: a millisecond-late stretch at
     * 1.0 s in most cold runs, BENCHMARKS.md).
     */
    static int window(long logOffsetNanos, long firstSecondLogNanos) {
        return (int) ((logOffsetNanos - firstSecondLogNanos) >>> 63); // offsets are >= 0: no overflow
    }

    /**
     * @param timelineNanos when it was sent, on the timeline (counts it in that second's rate)
     * @param window        {@link #window}: 1 when the frame was due in the first second of the timeline
     */
    void recordSent(long latenessNanos, long timelineNanos, int window) {
        sent.incrementAndGet();
        long clamped = Math.min(Math.max(latenessNanos, 0), MAX_LATENESS_NANOS);
        lateness.recordValue(clamped);
        latenessLive.recordValue(clamped);
        byWindow[window].recordValue(clamped);
        int second = (int) Math.max(0, timelineNanos / SECOND);
        if (second >= perSecond.length) {
            perSecond = Arrays.copyOf(perSecond, Math.max(second + 1, perSecond.length * 2));
        }
        perSecond[second]++;
    }

    /**
     * A wait of {@code waitNanos} for the next record to be queued.
     *
     * @param firstSecond whether the wait began in the first second of the timeline
     */
    void recordStall(long waitNanos, boolean firstSecond) {
        stalls = stalls.and(waitNanos);
        if (firstSecond) {
            firstSecondStalls = firstSecondStalls.and(waitNanos);
        }
    }

    void recordDropped(long count, String error) {
        dropped.addAndGet(count);
        lastError = error;
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** The lateness of the frames sent so far; safe while the sender runs. */
    synchronized Histogram latenessSoFar() {
        latenessTaken.add(latenessLive.getIntervalHistogram());
        return latenessTaken.copy();
    }

    /** Call only after the sender thread has ended. */
    OutputReport report() {
        int used = perSecond.length;
        while (used > 0 && perSecond[used - 1] == 0) {
            used--;
        }
        return new OutputReport(name, sent.get(), dropped.get(), lateness.copy(), firstSecondLateness.copy(),
                Arrays.copyOf(perSecond, used), stalls, firstSecondStalls, lastError);
    }
}
