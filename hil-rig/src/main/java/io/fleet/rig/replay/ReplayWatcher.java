package io.fleet.rig.replay;

/**
 * Watches a replay that the {@code replay} command runs, for a caller driving that command (the rig agent): it gets
 * the session once it runs, to report progress or stop it, and the result before the reports are written.
 */
public interface ReplayWatcher {

    /** Watches nothing: the command line's own replays. */
    ReplayWatcher NONE = new ReplayWatcher() {
        @Override
        public void started(ReplaySession session, long expectedNanos) {
        }

        @Override
        public void ended(ReplayResult result) {
        }
    };

    /**
     * The timeline has started.
     *
     * @param expectedNanos the timeline's expected length, or -1 when unknown (a streamed log, endless loops)
     */
    void started(ReplaySession session, long expectedNanos);

    /** The replay has ended (run out, stopped or failed). */
    void ended(ReplayResult result);
}
