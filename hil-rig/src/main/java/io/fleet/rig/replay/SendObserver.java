package io.fleet.rig.replay;

import io.fleet.model.bus.BusRecord;

/** Told about every record an output sends, e.g. to match stimuli with the DUT's responses. */
@FunctionalInterface
public interface SendObserver {

    SendObserver NONE = (output, record, sentAtNanos) -> { };

    /**
     * Called on the output's sender thread right before the record is handed to the output, with that clock time
     * (before, because the answer may arrive on another thread before the send call returns). A record whose send
     * then fails is counted as dropped by the replay; for a matcher it stays an unanswered request.
     */
    void onSent(String output, BusRecord record, long sentAtNanos);
}
