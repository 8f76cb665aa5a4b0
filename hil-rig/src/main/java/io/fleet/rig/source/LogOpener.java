package io.fleet.rig.source;

import io.fleet.model.log.LogReader;
import io.fleet.model.log.mdf.MdfCanReader;
import io.fleet.model.log.pcap.PcapReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a drive log by its file name: MDF4 ({@code .mf4}, {@code .mdf}) and pcap/pcapng through the shared-model
 * readers, candump through this module's stop-gap reader. ASC and BLF follow when the shared text/BLF readers and
 * their {@code LogReaders} factory land on main; the rig's other code depends only on {@link LogReader}.
 */
public interface LogOpener {

    LogReader open(Path file) throws IOException;

    /** Opens a stream (e.g. a ranged S3 download); only formats readable front to back support it. */
    LogReader open(String name, InputStream stream) throws IOException;

    /** Whether {@link #open(String, InputStream)} can read this name's format. */
    boolean canStream(String name);

    /** Strict readers: malformed input fails with its location. */
    static LogOpener builtIn() {
        return new BuiltIn(false);
    }

    /** @param lenient skip and count malformed records instead of failing */
    static LogOpener builtIn(boolean lenient) {
        return new BuiltIn(lenient);
    }

    /** The readers available on main today. */
    record BuiltIn(boolean lenient) implements LogOpener {

        @Override
        public LogReader open(Path file) throws IOException {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".mf4") || name.endsWith(".mdf")) {
                return MdfCanReader.open(file, lenient);
            }
            if (name.endsWith(".pcap") || name.endsWith(".pcapng")) {
                return PcapReader.open(file, lenient);
            }
            return open(file.getFileName().toString(), Files.newInputStream(file));
        }

        @Override
        public LogReader open(String name, InputStream stream) throws IOException {
            if (!canStream(name)) {
                stream.close();
                throw new IOException(name + ": not a readable drive log here: candump (.log), MDF4 (.mf4) and "
                        + "pcap (.pcap, .pcapng) are; ASC/BLF come with the shared readers; MDF4 and pcap need a "
                        + "file (use the cache, not --stream, for S3)");
            }
            return new CandumpLogReader(name, stream);
        }

        @Override
        public boolean canStream(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.endsWith(".log") || lower.endsWith(".candump");
        }
    }
}
