package io.fleet.rig.replay;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs on the replay reader thread: decodes the source (once per loop), applies window, filter and channel map,
 * gives every record its offset on the continuous replay timeline and puts it into its output's bounded queue.
 * A full queue blocks this thread, never a sender, so no record is ever dropped for lack of space.
 */
final class ReplayReader implements Runnable {

    /** How often the reader looks whether a full queue has drained to half. */
    private static final long REFILL_POLL_NANOS = 1_000_000;

    private final RecordSource source;
    private final ReplayOptions options;
    private final RecordRouter router;
    private final List<BlockingQueue<ScheduledRecord>> queues;
    final AtomicLong read = new AtomicLong();
    final AtomicLong outsideWindow = new AtomicLong();
    final AtomicLong filtered = new AtomicLong();
    final AtomicLong unmapped = new AtomicLong();
    final AtomicLong queued = new AtomicLong();
    private volatile ReadStats lastReadStats = new ReadStats(0, 0, 0);
    private volatile Exception failure;
    private volatile long lastOffsetNanos;
    private LogReader firstReader;
    /** Open until the reader's head start is reached ({@link ReplayOptions#prefillNanos()}). */
    private final CountDownLatch headStart = new CountDownLatch(1);
    /** The reader thread's own view of {@link #headStart}, so a running replay does not look at it per record. */
    private boolean headStartPending = true;

    ReplayReader(RecordSource source, ReplayOptions options, RecordRouter router,
                 List<BlockingQueue<ScheduledRecord>> queues) {
        this.source = source;
        this.options = options;
        this.router = router;
        this.queues = queues;
    }

    /**
     * Opens the source for the first loop on the calling (controlling) thread, before the timeline starts, so a
     * download into the cache or the first ranged GET does not make the first frames late.
     */
    void openFirst() throws IOException {
        firstReader = source.open();
    }

    /**
     * Blocks until the queues hold the records of the pre-fill window, or one of them is full (the reader would
     * block), or the reader has ended (end of the source, an error, a stop).
     */
    void awaitHeadStart() throws InterruptedException {
        headStart.await();
    }

    Exception failure() {
        return failure;
    }

    ReadStats readStats() {
        return lastReadStats;
    }

    /** Log-timeline offset of the newest queued record (speed not applied). */
    long lastOffsetNanos() {
        return lastOffsetNanos;
    }

    @Override
    public void run() {
        try {
            long loopBase = 0;
            for (int loop = 0; options.loops() == 0 || loop < options.loops(); loop++) {
                long queuedBefore = queued.get();
                long lastOffset = playOnce(loopBase);
                if (queued.get() == queuedBefore) {
                    return; // an empty window would otherwise loop forever without sending anything
                }
                loopBase = lastOffset + options.loopGapNanos();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        } finally {
            headStart.countDown();
            Thread.interrupted(); // the END markers must get through even after a stop
            for (BlockingQueue<ScheduledRecord> queue : queues) {
                try {
                    queue.put(ScheduledRecord.END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Queues a record; when the queue is full, waits until half of it is free first. Blocking in {@code put()}
     * instead would have every record the sender takes wake this thread, each wake-up a system call on the sender's
     * path and a thread for the scheduler to place, possibly on the sender's CPU. Half a queue (0.5 s at 8,000
     * frames/s with the default 8192) is far more than the reader needs to refill it.
     */
    private void enqueue(BlockingQueue<ScheduledRecord> queue, ScheduledRecord record) throws InterruptedException {
        if (queue.offer(record)) {
            return;
        }
        int halfFree = (options.queueCapacity() + 1) / 2;
        while (queue.remainingCapacity() < halfFree) {
            LockSupport.parkNanos(this, REFILL_POLL_NANOS); // real time: a virtual replay clock would advance
            if (Thread.interrupted()) {
                throw new InterruptedException("replay stopped");
            }
        }
        queue.put(record);
    }

    /** Plays the window once starting at {@code loopBase}; returns the offset of the last queued record. */
    private long playOnce(long loopBase) throws Exception {
        long lastOffset = loopBase;
        LogReader opened = firstReader != null ? firstReader : source.open();
        firstReader = null;
        try (LogReader reader = opened) {
            long logStart = Long.MIN_VALUE;
            long loopStart = Long.MIN_VALUE;
            BusRecord record;
            while ((record = reader.next()) != null) {
                read.incrementAndGet();
                long t = record.timestampNanos();
                if (logStart == Long.MIN_VALUE) {
                    logStart = t;
                }
                long sinceLogStart = t - logStart;
                if (sinceLogStart < options.fromNanos()) {
                    outsideWindow.incrementAndGet();
                    continue;
                }
                if (sinceLogStart > options.toNanos()) {
                    break;
                }
                if (loopStart == Long.MIN_VALUE) {
                    loopStart = t; // the first replayed record maps to the start of this loop
                }
                if (!options.filter().accepts(record)) {
                    filtered.incrementAndGet();
                    continue;
                }
                int target = router.route(record);
                if (target < 0) {
                    unmapped.incrementAndGet();
                    continue;
                }
                // Logs are not always sorted; a record from the past is sent at once instead of moving time back.
                lastOffset = Math.max(lastOffset, loopBase + (t - loopStart));
                BlockingQueue<ScheduledRecord> queue = queues.get(target);
                if (headStartPending && (lastOffset >= options.prefillLogNanos() || queue.remainingCapacity() == 0)) {
                    headStartPending = false; // every record before this one is queued, or the next put blocks
                    headStart.countDown();
                }
                enqueue(queue, new ScheduledRecord(lastOffset, record));
                lastOffsetNanos = lastOffset;
                queued.incrementAndGet();
            }
            lastReadStats = reader.stats();
        }
        return lastOffset;
    }
}
