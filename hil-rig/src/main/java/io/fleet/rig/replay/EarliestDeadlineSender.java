package io.fleet.rig.replay;

import java.util.List;

/**
 * The one sender thread of {@link SenderMode#SHARED}: looks at the head of every output's prefetch queue, waits for
 * the earliest deadline among them and sends that output's due records, then looks again. Each output keeps its own
 * queue and lateness histogram; only the waiting is shared, so one busy-waiting thread serves all outputs.
 *
 * <p>The reader queues records in timeline order, so the earliest pending record is always the next one of some
 * queue. A record may arrive while the sender waits for a later one; the sender looks again after every park
 * ({@link #MAX_PARK_NANOS} at most), and it sends at the deadline in timeline order whatever is due by then.
 */
final class EarliestDeadlineSender implements Runnable {

    /** Longest park between two looks at the queues. */
    static final long MAX_PARK_NANOS = 1_000_000;

    private final List<OutputLane> lanes;
    private final boolean[] ended;
    private final ReplayTimeline timeline;
    private final PrefetchQueue.Arrivals arrivals;
    private int open;
    private volatile boolean stopped;

    EarliestDeadlineSender(List<OutputLane> lanes, ReplayTimeline timeline, PrefetchQueue.Arrivals arrivals) {
        this.lanes = List.copyOf(lanes);
        this.ended = new boolean[lanes.size()];
        this.open = lanes.size();
        this.timeline = timeline;
        this.arrivals = arrivals;
    }

    /** Makes the sender discard what is still queued; it ends when every queue has had its END marker. */
    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long waitingSince = -1;
        while (true) {
            OutputLane lane = earliest();
            if (lane == null) {
                if (open == 0) {
                    return;
                }
                if (waitingSince < 0) {
                    waitingSince = timeline.clock().nanoTime();
                }
                arrivals.await(this::anyQueued);
                continue;
            }
            if (waitingSince >= 0) {
                lane.countStall(waitingSince); // every queue was empty: the output whose record came first waited
                waitingSince = -1;
            }
            if (stopped) {
                lane.takeNext();
            } else if (timeline.waitTowards(lane.next().logOffsetNanos(), MAX_PARK_NANOS)) {
                lane.sendDue(lane.takeNext());
            }
        }
    }

    /**
     * The open lane whose next record is due first (the lowest index on a tie), or null when every open queue is
     * empty. Drops END markers as it meets them.
     */
    private OutputLane earliest() {
        OutputLane best = null;
        long bestOffset = Long.MAX_VALUE;
        for (int i = 0; i < ended.length; i++) {
            if (ended[i]) {
                continue;
            }
            OutputLane lane = lanes.get(i);
            ScheduledRecord head = lane.next();
            if (head == ScheduledRecord.END) {
                lane.takeNext();
                ended[i] = true;
                open--;
            } else if (head != null && (best == null || head.logOffsetNanos() < bestOffset)) {
                best = lane;
                bestOffset = head.logOffsetNanos();
            }
        }
        return best;
    }

    private boolean anyQueued() {
        for (int i = 0; i < ended.length; i++) {
            if (!ended[i] && !lanes.get(i).queue().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
