package io.fleet.rig.replay;

import io.fleet.model.bus.BusRecord;
import io.fleet.rig.output.BusOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * One output as a sender thread sees it: its bounded prefetch queue, its lateness statistics, and how due records
 * are handed to it. Used by exactly one sender thread (its own, or the shared one); allocates nothing per record.
 */
final class OutputLane {

    private static final double SECOND = 1e9;

    private final BusOutput output;
    private final BlockingQueue<ScheduledRecord> queue;
    private final ReplayTimeline timeline;
    private final int maxBatch;
    private final SendObserver observer;
    private final OutputStats stats;
    private final List<ScheduledRecord> batch = new ArrayList<>();
    private final List<BusRecord> records = new ArrayList<>();
    /** Log offsets below this are due in the first second of the timeline. */
    private final long firstSecondLogNanos;

    OutputLane(BusOutput output, BlockingQueue<ScheduledRecord> queue, ReplayTimeline timeline, int maxBatch,
               SendObserver observer) {
        this.output = output;
        this.queue = queue;
        this.timeline = timeline;
        this.maxBatch = maxBatch;
        this.observer = observer;
        this.stats = new OutputStats(output.name());
        this.firstSecondLogNanos = (long) Math.min(Long.MAX_VALUE, SECOND * timeline.speed());
    }

    private ScheduledRecord next;

    BlockingQueue<ScheduledRecord> queue() {
        return queue;
    }

    /**
     * The shared sender's view of the queue: its first record, already taken off the queue (null when empty), so
     * that the wake-up of a reader waiting for space happens while the sender still has time before the deadline.
     */
    ScheduledRecord next() {
        if (next == null) {
            next = queue.poll();
        }
        return next;
    }

    /**
     * The per-output sender's take: the next record, waiting while the queue is empty. Such a wait is a source
     * stall ({@link #countStall}) unless the source ended.
     */
    ScheduledRecord take() throws InterruptedException {
        ScheduledRecord record = queue.poll();
        if (record != null) {
            return record;
        }
        long waitingSince = timeline.clock().nanoTime();
        record = queue.take();
        if (record != ScheduledRecord.END) {
            countStall(waitingSince);
        }
        return record;
    }

    /**
     * Counts the wait since {@code waitingSince} for a record that has just arrived as a source stall; only its part
     * on the timeline counts (before the start the queues are still being filled).
     */
    void countStall(long waitingSince) {
        long start = timeline.startNanos();
        long from = Math.max(waitingSince, start);
        long now = timeline.clock().nanoTime();
        if (now > from) {
            stats.recordStall(now - from, from - start < SECOND);
        }
    }

    /** Takes the record {@link #next()} returned. */
    ScheduledRecord takeNext() {
        ScheduledRecord taken = next;
        next = null;
        return taken;
    }

    OutputStats stats() {
        return stats;
    }

    /**
     * Sends {@code first} (already taken from the queue and due) together with the queued records that are due by
     * now, so a gateway gets them in one datagram; records every record's lateness or counts the batch as dropped.
     */
    void sendDue(ScheduledRecord first) {
        ReplayClock clock = timeline.clock();
        collectBatch(first, clock);
        // Observers hear of a record before it leaves: a fast DUT can answer before send() even returns.
        long sendingAt = clock.nanoTime();
        for (int i = 0; i < records.size(); i++) { // indexed: an iterator per batch would be garbage
            observer.onSent(output.name(), records.get(i), sendingAt);
        }
        try {
            output.sendBatch(records);
        } catch (IOException | RuntimeException e) {
            stats.recordDropped(records.size(), e.toString());
            return;
        }
        long sentAt = clock.nanoTime();
        long timelineNanos = sentAt - timeline.startNanos();
        for (int i = 0; i < batch.size(); i++) {
            long offset = batch.get(i).logOffsetNanos();
            stats.recordSent(sentAt - timeline.deadline(offset), timelineNanos,
                    OutputStats.window(offset, firstSecondLogNanos));
        }
    }

    private void collectBatch(ScheduledRecord first, ReplayClock clock) {
        batch.clear();
        records.clear();
        batch.add(first);
        records.add(first.record());
        while (batch.size() < maxBatch) {
            ScheduledRecord next = queue.peek();
            if (next == null || next == ScheduledRecord.END
                    || timeline.deadline(next.logOffsetNanos()) > clock.nanoTime()) {
                return;
            }
            queue.poll();
            batch.add(next);
            records.add(next.record());
        }
    }
}
