package io.fleet.model.log;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import java.io.Closeable;
import java.io.IOException;

/** A streaming writer of one drive-log file; records are written in the order given. */
public interface LogWriter extends Closeable {

    /**
     * Writes a CAN frame.
     *
     * @throws IllegalArgumentException when the format holds no CAN frames (pcap)
     */
    void write(CanFrame frame) throws IOException;

    /**
     * Writes any record the format holds ({@link LogFormat#canHold}); CAN formats take CAN frames.
     *
     * @throws IllegalArgumentException for a record the format cannot hold, naming what it is
     */
    default void write(BusRecord record) throws IOException {
        if (!(record instanceof CanFrame frame)) {
            throw new IllegalArgumentException("a CAN log holds " + RecordKind.CAN_FRAMES + ", not "
                    + RecordKind.of(record));
        }
        write(frame);
    }

    /** Writes buffered lines through to the file. */
    void flush() throws IOException;
}
