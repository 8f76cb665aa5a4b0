package io.fleet.rig.replay;

import io.fleet.model.bus.BusRecord;

/**
 * A record handed from the reader thread to a sender thread, with its offset on the log timeline (before the
 * speed factor). {@link #END} tells the sender that no more records follow.
 */
record ScheduledRecord(long logOffsetNanos, BusRecord record) {

    static final ScheduledRecord END = new ScheduledRecord(Long.MAX_VALUE, null);
}
