package io.fleet.model.log;

import io.fleet.model.log.asc.AscReader;
import io.fleet.model.log.blf.BlfReader;
import io.fleet.model.log.candump.CandumpReader;
import io.fleet.model.log.mdf.MdfCanReader;
import io.fleet.model.log.pcap.PcapReader;
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
     */
    public static LogReader open(Path file, LogFormat format, ReadOptions options) throws IOException {
        return switch (format) {
            case CANDUMP -> CandumpReader.open(file, options);
            case ASC -> AscReader.open(file, options);
            case BLF -> BlfReader.open(file, options);
            case MDF4 -> MdfCanReader.open(file, options.lenient());
            case PCAP, PCAPNG -> PcapReader.open(file, options.lenient());
        };
    }
}
