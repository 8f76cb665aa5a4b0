package io.fleet.rig.replay;

/**
 * Runs on the output's dedicated sender thread ({@link SenderMode#PER_OUTPUT}): takes records from the output's
 * prefetch queue, waits for each deadline on the shared timeline and hands due records to the output. Never blocks
 * on the reader except when its queue is empty, which it counts as a source stall.
 */
final class OutputSender implements Runnable {

    private final OutputLane lane;
    private final ReplayTimeline timeline;
    private volatile boolean stopped;

    OutputSender(OutputLane lane, ReplayTimeline timeline) {
        this.lane = lane;
        this.timeline = timeline;
    }

    /** Makes the sender discard what is still queued; it ends at the END marker. */
    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            while (true) {
                ScheduledRecord first = lane.take();
                if (first == ScheduledRecord.END) {
                    return;
                }
                if (stopped) {
                    continue;
                }
                timeline.awaitDeadline(first.logOffsetNanos());
                lane.sendDue(first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
