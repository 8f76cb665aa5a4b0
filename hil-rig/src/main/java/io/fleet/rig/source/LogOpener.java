package io.fleet.rig.source;

import io.fleet.model.log.LogReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a drive log by its file name. Until the shared readers ({@code io.fleet.model.log.LogReaders}) are on main,
 * only candump logs are built in; the rig's other code depends only on {@link LogReader}.
 */
public interface LogOpener {

    LogReader open(Path file) throws IOException;

    /** Opens a stream (e.g. a ranged S3 download); only formats readable front to back support it. */
    LogReader open(String name, InputStream stream) throws IOException;

    /** Whether {@link #open(String, InputStream)} can read this name's format. */
    boolean canStream(String name);

    static LogOpener builtIn() {
        return BuiltIn.INSTANCE;
    }

    /** The candump reader of this module. */
    enum BuiltIn implements LogOpener {
        INSTANCE;

        @Override
        public LogReader open(Path file) throws IOException {
            return open(file.getFileName().toString(), Files.newInputStream(file));
        }

        @Override
        public LogReader open(String name, InputStream stream) throws IOException {
            if (!canStream(name)) {
                stream.close();
                throw new IOException(name + ": only candump logs (.log, .candump) can be read until the shared "
                        + "ASC/BLF/MDF4/pcap readers are merged");
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
