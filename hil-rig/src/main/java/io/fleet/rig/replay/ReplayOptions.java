package io.fleet.rig.replay;

import io.fleet.model.Checks;

/**
 * How to replay a log.
 *
 * @param speed           playback speed factor
 * @param fromNanos       start of the replayed window, relative to the log's first record (also the seek offset)
 * @param toNanos         end of the window relative to the log's first record, {@link Long#MAX_VALUE} for the end
 * @param loops           how many times to play the window; 0 = forever
 * @param loopGapNanos    log time between the last record of one loop and the first of the next; the timeline
 *                        continues across loops
 * @param filter          which CAN ids to replay
 * @param channelMap      which channel goes to which output
 * @param queueCapacity   records prefetched per output; the reader blocks when a queue is full, so nothing is lost
 * @param spinNanos       how long before a deadline the sender stops parking and spins
 * @param leadNanos       delay from the end of the pre-fill to the first deadline, so the sender threads are up
 * @param maxBatch        most records handed to an output in one call when they are due together
 * @param prefillNanos    the reader's head start: the timeline starts only once the queues hold every record due in
 *                        this much of the timeline (at speed 2, twice as much of the log), or one queue is full, or
 *                        the source has ended
 */
public record ReplayOptions(double speed, long fromNanos, long toNanos, int loops, long loopGapNanos,
                            IdFilter filter, ChannelMap channelMap, int queueCapacity, long spinNanos,
                            long leadNanos, int maxBatch, long prefillNanos) {

    public ReplayOptions {
        Checks.check(speed > 0 && Double.isFinite(speed), "speed", "must be a positive finite number", speed);
        Checks.nonNegative(fromNanos, "from");
        Checks.check(toNanos >= fromNanos, "window end", "must not be before its start", toNanos);
        Checks.nonNegative(loops, "loops");
        Checks.nonNegative(loopGapNanos, "loopGap");
        Checks.notNull(filter, "filter");
        Checks.notNull(channelMap, "channelMap");
        Checks.check(queueCapacity > 0, "queueCapacity", "must be positive", queueCapacity);
        Checks.nonNegative(spinNanos, "spinNanos");
        Checks.nonNegative(leadNanos, "leadNanos");
        Checks.check(maxBatch > 0, "maxBatch", "must be positive", maxBatch);
        Checks.nonNegative(prefillNanos, "prefill");
    }

    /**
     * Real time, whole log, once, every id, default mapping; queues of 8192 records (a second at 8,000 frames/s on
     * one output); a head start of 1 s or a full queue, whichever comes first, then a 50 ms lead; spin the last
     * 150 us.
     */
    public static ReplayOptions defaults() {
        return new ReplayOptions(1.0, 0, Long.MAX_VALUE, 1, 1_000_000, IdFilter.ALL, ChannelMap.DEFAULT, 8192,
                150_000, 50_000_000, 1, 1_000_000_000);
    }

    /** The log offset (speed applied) up to which the reader must have queued before the timeline starts. */
    long prefillLogNanos() {
        return (long) Math.min(Long.MAX_VALUE, prefillNanos * speed);
    }

    public ReplayOptions withPrefill(long newPrefillNanos) {
        return new ReplayOptions(speed, fromNanos, toNanos, loops, loopGapNanos, filter, channelMap, queueCapacity,
                spinNanos, leadNanos, maxBatch, newPrefillNanos);
    }

    public ReplayOptions withSpeed(double newSpeed) {
        return new ReplayOptions(newSpeed, fromNanos, toNanos, loops, loopGapNanos, filter, channelMap,
                queueCapacity, spinNanos, leadNanos, maxBatch, prefillNanos);
    }

    public ReplayOptions withWindow(long from, long to) {
        return new ReplayOptions(speed, from, to, loops, loopGapNanos, filter, channelMap, queueCapacity,
                spinNanos, leadNanos, maxBatch, prefillNanos);
    }

    public ReplayOptions withLoops(int newLoops, long gapNanos) {
        return new ReplayOptions(speed, fromNanos, toNanos, newLoops, gapNanos, filter, channelMap, queueCapacity,
                spinNanos, leadNanos, maxBatch, prefillNanos);
    }

    public ReplayOptions withFilter(IdFilter newFilter) {
        return new ReplayOptions(speed, fromNanos, toNanos, loops, loopGapNanos, newFilter, channelMap,
                queueCapacity, spinNanos, leadNanos, maxBatch, prefillNanos);
    }

    public ReplayOptions withChannelMap(ChannelMap newMap) {
        return new ReplayOptions(speed, fromNanos, toNanos, loops, loopGapNanos, filter, newMap, queueCapacity,
                spinNanos, leadNanos, maxBatch, prefillNanos);
    }

    public ReplayOptions withTiming(int newQueueCapacity, long newSpinNanos, long newLeadNanos, int newMaxBatch) {
        return new ReplayOptions(speed, fromNanos, toNanos, loops, loopGapNanos, filter, channelMap,
                newQueueCapacity, newSpinNanos, newLeadNanos, newMaxBatch, prefillNanos);
    }
}
