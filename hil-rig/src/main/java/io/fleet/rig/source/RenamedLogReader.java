package io.fleet.rig.source;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import java.io.IOException;

/**
 * A reader whose format errors name the input as the user gave it: an S3 object is read from a cached copy or a
 * stream named by its file name, but the user asked for {@code s3://bucket/key}.
 */
record RenamedLogReader(LogReader reader, String name) implements LogReader {

    @Override
    public BusRecord next() throws IOException {
        try {
            return reader.next();
        } catch (LogFormatException e) {
            throw e.withSource(name);
        }
    }

    @Override
    public ReadStats stats() {
        return reader.stats();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
