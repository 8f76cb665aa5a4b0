package io.fleet.model.log;

import io.fleet.model.bus.BusRecord;
import java.io.Closeable;
import java.io.IOException;

/**
 * A streaming reader of one drive-log file. Readers hold constant memory regardless of the file size and return
 * records in file order.
 *
 * <p>Malformed input throws {@link LogFormatException} naming the source, the line or byte offset and the reason;
 * a reader opened in lenient mode skips such records instead and counts them in {@link #stats()}.
 */
public interface LogReader extends Closeable {

    /** The next record, or {@code null} at the end of the log. */
    BusRecord next() throws IOException;

    /** Counts of what the reader has read, skipped and rejected so far. */
    ReadStats stats();
}
