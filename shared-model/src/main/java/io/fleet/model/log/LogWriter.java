package io.fleet.model.log;

import io.fleet.model.bus.CanFrame;
import java.io.Closeable;
import java.io.IOException;

/** A streaming writer of one drive-log file; frames are written in the order given. */
public interface LogWriter extends Closeable {

    void write(CanFrame frame) throws IOException;

    /** Writes buffered lines through to the file. */
    void flush() throws IOException;
}
