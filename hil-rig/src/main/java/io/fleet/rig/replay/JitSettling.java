package io.fleet.rig.replay;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits until the JIT compilers have gone quiet after a warm-up. On a loaded 2-core machine the compile queue lags
 * the rehearsal by a second or more; compiler threads still busy when the timeline starts take the CPU from the
 * reader and sender and make the first second late.
 */
final class JitSettling {

    /** The compilers count as quiet after this long without finishing a compilation. */
    private static final long QUIET_MILLIS = 150;
    private static final long POLL_MILLIS = 10;
    /** Never delay the start longer than this. */
    private static final long MAX_WAIT_MILLIS = 3_000;

    private JitSettling() {
    }

    /** Blocks until no compilation finished for {@link #QUIET_MILLIS}, at most {@link #MAX_WAIT_MILLIS}. */
    static void awaitQuiet() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_MILLIS * 1_000_000) {
                return;
            }
        }
    }
}
