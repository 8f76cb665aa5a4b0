package io.fleet.model.log;

import io.fleet.model.log.asc.AscWriter;
import io.fleet.model.log.candump.CandumpWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a {@link LogWriter} with default settings: candump with {@code can<channel-1>} interface names, ASC with
 * dates in UTC. Use {@link CandumpWriter} or {@link AscWriter} directly for other settings.
 */
public final class LogWriters {

    private LogWriters() {
    }

    /**
     * Creates (or replaces) {@code file} and opens a writer for it.
     *
     * @throws UnsupportedOperationException for a format this build cannot write
     */
    public static LogWriter open(Path file, LogFormat format) throws IOException {
        return switch (format) {
            case CANDUMP -> CandumpWriter.open(file);
            case ASC -> AscWriter.open(file);
            case BLF, MDF4, PCAP, PCAPNG -> throw new UnsupportedOperationException("writing " + format
                    + " logs is not implemented (" + file + "); writable: CANDUMP, ASC");
        };
    }
}
