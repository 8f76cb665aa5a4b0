package io.fleet.model.log;

import io.fleet.model.log.asc.AscWriter;
import io.fleet.model.log.blf.BlfWriter;
import io.fleet.model.log.candump.CandumpWriter;
import io.fleet.model.log.mdf.MdfCanWriter;
import io.fleet.model.log.pcap.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a {@link LogWriter} for each format {@link LogFormat#writable()} names, with default settings: candump with
 * {@code can<channel-1>} interface names, ASC and BLF with dates in UTC, pcap with nanosecond timestamps, MDF4 as
 * finalized MDF 4.10 bus logging with nanosecond timestamps. Use
 * {@link CandumpWriter}, {@link AscWriter} or {@link BlfWriter} directly for other settings.
 */
public final class LogWriters {

    private LogWriters() {
    }

    /** Whether {@link #open} writes {@code format}. */
    public static boolean canWrite(LogFormat format) {
        return format.writable();
    }

    /**
     * Creates (or replaces) {@code file} and opens a writer for it.
     *
     */
    public static LogWriter open(Path file, LogFormat format) throws IOException {
        return switch (format) {
            case CANDUMP -> CandumpWriter.open(file);
            case ASC -> AscWriter.open(file);
            case BLF -> BlfWriter.open(file);
            case PCAP -> PcapWriter.create(file, PcapWriter.Format.PCAP_NANOS);
            case PCAPNG -> PcapWriter.create(file, PcapWriter.Format.PCAPNG);
            case MDF4 -> MdfCanWriter.open(file);
        };
    }
}
