package io.fleet.rig.replay;

import io.fleet.model.bus.BusRecord;

/** Told about every record an output sent, e.g. to match stimuli with the DUT's responses. */
@FunctionalInterface
public interface SendObserver {

    SendObserver NONE = (output, record, sentAtNanos) -> { };

    /** Called on the output's sender thread right after the send, with the clock time of the send. */
    void onSent(String output, BusRecord record, long sentAtNanos);
}
