package io.fleet.model.log;

import io.fleet.model.log.asc.AscReader;
import io.fleet.model.log.blf.BlfReader;
import io.fleet.model.log.candump.CandumpReader;
import io.fleet.model.log.mdf.MdfCanReader;
import io.fleet.model.log.pcap.PcapReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Opens the right {@link LogReader} for a drive-log file or stream. */
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

    /**
     * Reads a stream front to back (e.g. ranged S3 GETs), its format by {@code name}'s extension; only
     * {@link LogFormat#streamable()} formats can. The reader closes {@code stream}; so does a refusal.
     *
     * @throws IOException naming {@code name} when its format cannot be read from a stream, or is unknown
     */
    public static LogReader open(String name, InputStream stream, ReadOptions options) throws IOException {
        LogFormat format = LogFormat.fromFileName(name).filter(LogFormat::streamable).orElse(null);
        if (format == LogFormat.CANDUMP) {
            return new CandumpReader(stream, name, options);
        }
        if (format == LogFormat.ASC) {
            return new AscReader(stream, name, options, AscReader.TimeAnchor.DATE_HEADER);
        }
        stream.close();
        throw new IOException(name + ": only " + LogFormat.describe(LogFormat::streamable) + " logs can be streamed; "
                + "the others (" + LogFormat.describe(f -> !f.streamable()) + ") need a file");
    }
}
