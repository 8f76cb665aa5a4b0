package io.fleet.model.log;

import io.fleet.model.log.asc.AscWriter;
import io.fleet.model.log.blf.BlfWriter;
import io.fleet.model.log.candump.CandumpWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens a {@link LogWriter} with default settings: candump with {@code can<channel-1>} interface names, ASC and BLF
 * with dates in UTC. Use {@link CandumpWriter}, {@link AscWriter} or {@link BlfWriter} directly for other settings.
 */
public final class LogWriters {

    private static final Set<LogFormat> WRITABLE = EnumSet.of(LogFormat.CANDUMP, LogFormat.ASC, LogFormat.BLF);

    private LogWriters() {
    }

    /** Whether {@link #open} writes {@code format}. */
    public static boolean canWrite(LogFormat format) {
        return WRITABLE.contains(format);
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
            case BLF -> BlfWriter.open(file);
            case MDF4, PCAP, PCAPNG -> throw new UnsupportedOperationException("writing " + format
                    + " logs is not implemented (" + file + "); writable: "
                    + WRITABLE.stream().map(Enum::name).collect(Collectors.joining(", ")));
        };
    }
}
