package io.fleet.model.log;

import io.fleet.model.log.asc.AscReader;
import io.fleet.model.log.blf.BlfReader;
import io.fleet.model.log.candump.CandumpReader;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the right {@link LogReader} for a drive-log file. */
public final class LogReaders {

    private LogReaders() {
    }

    /** Detects the format ({@link LogFormat#detect}) and opens a reader for it. */
    public static LogReader open(Path file, ReadOptions options) throws IOException {
        return open(file, LogFormat.detect(file), options);
    }

    /**
     * Opens a reader for a file of a known format.
     *
     * @throws UnsupportedOperationException for a format this build cannot read yet
     */
    public static LogReader open(Path file, LogFormat format, ReadOptions options) throws IOException {
        return switch (format) {
            case CANDUMP -> CandumpReader.open(file, options);
            case ASC -> AscReader.open(file, options);
            case BLF -> BlfReader.open(file, options);
            case MDF4, PCAP, PCAPNG -> throw new UnsupportedOperationException("reading " + format + " logs is not "
                    + "implemented in this build yet (" + file + "); readable: CANDUMP, ASC, BLF");
        };
    }
}
