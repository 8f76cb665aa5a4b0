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
 * @param leadNanos       delay from start to the first deadline, so the reader can fill the queues first
 * @param maxBatch        most records handed to an output in one call when they are due together
 */
public record ReplayOptions(double speed, long fromNanos, long toNanos, int loops, long loopGapNanos,
                            IdFilter filter, ChannelMap channelMap, int queueCapacity, long spinNanos,
                            long leadNanos, int maxBatch) {

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
    }

    /** Real time, whole log, once, every id, default mapping; spin the last 150 us; 50 ms lead. */
    public static ReplayOptions defaults() {
        return new ReplayOptions(1.0, 0, Long.MAX_VALUE, 1, 1_000_000, IdFilter.ALL, ChannelMap.DEFAULT, 4096,
                150_000, 50_000_000, 1);
    }

    public ReplayOptions withSpeed(double newSpeed) {
        return new ReplayOptions(newSpeed, fromNanos, toNanos, loops, loopGapNanos, filter, channelMap,
                queueCapacity, spinNanos, leadNanos, maxBatch);
    }

    public ReplayOptions withWindow(long from, long to) {
        return new ReplayOptions(speed, from, to, loops, loopGapNanos, filter, channelMap, queueCapacity,
                spinNanos, leadNanos, maxBatch);
    }

    public ReplayOptions withLoops(int newLoops, long gapNanos) {
        return new ReplayOptions(speed, fromNanos, toNanos, newLoops, gapNanos, filter, channelMap, queueCapacity,
                spinNanos, leadNanos, maxBatch);
    }

    public ReplayOptions withFilter(IdFilter newFilter) {
        return new ReplayOptions(speed, fromNanos, toNanos, loops, loopGapNanos, newFilter, channelMap,
                queueCapacity, spinNanos, leadNanos, maxBatch);
    }

    public ReplayOptions withChannelMap(ChannelMap newMap) {
        return new ReplayOptions(speed, fromNanos, toNanos, loops, loopGapNanos, filter, newMap, queueCapacity,
                spinNanos, leadNanos, maxBatch);
    }

    public ReplayOptions withTiming(int newQueueCapacity, long newSpinNanos, long newLeadNanos, int newMaxBatch) {
        return new ReplayOptions(speed, fromNanos, toNanos, loops, loopGapNanos, filter, channelMap,
                newQueueCapacity, newSpinNanos, newLeadNanos, newMaxBatch);
    }
}
