package io.fleet.rig.source;

import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.asc.AscReader;
import io.fleet.model.log.candump.CandumpReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a drive log with the shared-model readers: the format by the file's signature or first line, else its name
 * ({@link LogFormat#detect}). Text formats (candump, ASC) can also be read from a stream, e.g. ranged S3 GETs;
 * binary formats need a file (the S3 cache provides one).
 */
public interface LogOpener {

    LogReader open(Path file) throws IOException;

    /** Opens a stream (e.g. a ranged S3 download); only formats readable front to back support it. */
    LogReader open(String name, InputStream stream) throws IOException;

    /** Whether {@link #open(String, InputStream)} can read this name's format. */
    boolean canStream(String name);

    /** Strict readers: malformed input fails with its location. */
    static LogOpener builtIn() {
        return new SharedReaders(ReadOptions.strict());
    }

    /** @param lenient skip and count malformed records instead of failing */
    static LogOpener builtIn(boolean lenient) {
        return new SharedReaders(new ReadOptions(lenient));
    }

    /** The shared-model readers with one set of options. */
    record SharedReaders(ReadOptions options) implements LogOpener {

        @Override
        public LogReader open(Path file) throws IOException {
            return LogReaders.open(file, options);
        }

        @Override
        public LogReader open(String name, InputStream stream) throws IOException {
            Optional<LogFormat> format = LogFormat.fromFileName(name);
            if (format.equals(Optional.of(LogFormat.CANDUMP))) {
                return new CandumpReader(stream, name, options);
            }
            if (format.equals(Optional.of(LogFormat.ASC))) {
                return new AscReader(stream, name, options, AscReader.TimeAnchor.DATE_HEADER);
            }
            stream.close();
            throw new IOException(name + ": only candump (.log) and ASC (.asc) logs can be streamed; binary formats "
                    + "(BLF, MDF4, pcap) need a file: use the cache instead of --stream");
        }

        @Override
        public boolean canStream(String name) {
            Optional<LogFormat> format = LogFormat.fromFileName(name);
            return format.equals(Optional.of(LogFormat.CANDUMP)) || format.equals(Optional.of(LogFormat.ASC));
        }
    }
}
