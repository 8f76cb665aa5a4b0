package io.fleet.rig.cli;

import io.fleet.rig.replay.ReplayProgress;
import io.fleet.rig.replay.ReplaySession;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress display on stderr, redrawn twice a second by its own daemon thread: share of the timeline
 * done (when the total is known), frames per second over the last interval, drops.
 */
final class ProgressBar implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 500;
    private static final int WIDTH = 30;

    private final ReplaySession session;
    private final PrintWriter err;
    private final long totalNanos;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param totalNanos expected timeline length, or -1 when unknown (streams, endless loops) */
    ProgressBar(ReplaySession session, PrintWriter err, long totalNanos) {
        this.session = session;
        this.err = err;
        this.totalNanos = totalNanos;
        this.thread = new Thread(this::run, "progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long lastSent = 0;
        while (running) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            ReplayProgress p = session.progress();
            long rate = (p.sent() - lastSent) * 1000 / INTERVAL_MILLIS;
            lastSent = p.sent();
            err.print("\r" + line(p, rate));
            err.flush();
        }
    }

    String line(ReplayProgress p, long framesPerSecond) {
        double seconds = Math.max(0, p.elapsedNanos()) / 1e9;
        if (totalNanos <= 0) {
            return String.format(Locale.ROOT, "t=%.1fs  %d frames  %d frames/s  dropped %d", seconds, p.sent(),
                    framesPerSecond, p.dropped());
        }
        double share = Math.min(1, Math.max(0, (double) p.elapsedNanos() / totalNanos));
        int filled = (int) (share * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  t=%.1f/%.1fs  %d frames/s  dropped %d",
                "#".repeat(filled), ".".repeat(WIDTH - filled), share * 100, seconds, totalNanos / 1e9,
                framesPerSecond, p.dropped());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        err.println();
        err.flush();
    }
}
