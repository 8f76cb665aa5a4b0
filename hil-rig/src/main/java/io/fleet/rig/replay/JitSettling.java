package io.fleet.rig.replay;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Watches the JIT compilers during the warm-up. On a loaded 2-core machine the compile queue lags the rehearsal by a
 * second or more, and one optimizing compile of a hot method takes a few hundred milliseconds of wall time; compiler
 * threads still busy when the timeline starts take the CPU from the reader and sender and make the first second
 * late. Not thread-safe: used by the controlling thread only.
 */
final class JitSettling {

    /** The compilers count as quiet after this long without finishing a compilation. */
    private static final long QUIET_MILLIS = 400;
    private static final long POLL_MILLIS = 10;
    /** Never delay the start longer than this. */
    private static final long MAX_WAIT_MILLIS = 3_000;

    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
    private long lastAsked = totalCompilationMillis();

    /** Whether a compilation finished since the last call (or since this was made). */
    boolean compiledSinceLastAsked() {
        long now = totalCompilationMillis();
        boolean compiled = now != lastAsked;
        lastAsked = now;
        return compiled;
    }

    /** Blocks until no compilation finished for {@link #QUIET_MILLIS}, at most {@link #MAX_WAIT_MILLIS}. */
    void awaitQuiet() throws InterruptedException {
        if (!measurable) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        long last = totalCompilationMillis();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            long now = totalCompilationMillis();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_MILLIS * 1_000_000) {
                return;
            }
        }
    }

    /**
     * Brings every Java thread to a safepoint once, now: at each safepoint the JVM also updates the inline caches that
     * the warm-up's compilations left pending. Without the JVM's periodic cleanup safepoint (which {@code ./fleet rig
     * replay} turns off) they pile up until an "ICBufferFull" safepoint stops the senders: one came 8 ms after a
     * warm-up had ended, just before its timeline started. A thread dump is the cheapest public way to get a
     * safepoint (well under a millisecond, and no collection).
     */
    static void flushInlineCaches() {
        ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
    }

    private long totalCompilationMillis() {
        return measurable ? jit.getTotalCompilationTime() : 0;
    }
}
