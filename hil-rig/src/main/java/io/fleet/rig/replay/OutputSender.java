package io.fleet.rig.replay;

import io.fleet.model.bus.BusRecord;
import io.fleet.rig.output.BusOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * Runs on the output's dedicated sender thread: takes records from the output's prefetch queue, waits for each
 * deadline on the shared timeline, hands records that are due together to the output as one batch, and records
 * every record's lateness. Never blocks on the reader except when its queue is empty.
 */
final class OutputSender implements Runnable {

    private final BusOutput output;
    private final BlockingQueue<ScheduledRecord> queue;
    private final ReplayTimeline timeline;
    private final int maxBatch;
    private final SendObserver observer;
    private final OutputStats stats;
    private final List<ScheduledRecord> batch = new ArrayList<>();
    private final List<BusRecord> records = new ArrayList<>();
    private volatile boolean stopped;

    OutputSender(BusOutput output, BlockingQueue<ScheduledRecord> queue, ReplayTimeline timeline, int maxBatch,
                 SendObserver observer) {
        this.output = output;
        this.queue = queue;
        this.timeline = timeline;
        this.maxBatch = maxBatch;
        this.observer = observer;
        this.stats = new OutputStats(output.name());
    }

    OutputStats stats() {
        return stats;
    }

    /** Makes the sender discard what is still queued; it ends at the END marker. */
    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        ReplayClock clock = timeline.clock();
        try {
            while (true) {
                ScheduledRecord first = queue.take();
                if (first == ScheduledRecord.END) {
                    return;
                }
                if (stopped) {
                    continue;
                }
                timeline.awaitDeadline(first.logOffsetNanos());
                collectBatch(first, clock);
                sendBatch(clock);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds queued records that are already due, so a gateway gets them in one datagram. */
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

    private void sendBatch(ReplayClock clock) {
        // Observers hear of a record before it leaves: a fast DUT can answer before send() even returns.
        long sendingAt = clock.nanoTime();
        for (BusRecord record : records) {
            observer.onSent(output.name(), record, sendingAt);
        }
        try {
            output.sendBatch(records);
        } catch (IOException | RuntimeException e) {
            stats.recordDropped(records.size(), e.toString());
            return;
        }
        long sentAt = clock.nanoTime();
        long timelineNanos = sentAt - timeline.startNanos();
        for (ScheduledRecord scheduled : batch) {
            stats.recordSent(sentAt - timeline.deadline(scheduled.logOffsetNanos()), timelineNanos);
        }
    }
}
