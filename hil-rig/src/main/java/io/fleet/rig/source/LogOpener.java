package io.fleet.rig.source;

import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Opens a drive log with the shared-model readers: the format by the file's signature or first line, else its name
 * ({@link LogFormat#detect}). Formats {@link LogFormat#streamable()} names (candump, ASC) can also be read from a
 * stream, e.g. ranged S3 GETs; the others need a file (the S3 cache provides one).
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
            return LogReaders.open(name, stream, options);
        }

        @Override
        public boolean canStream(String name) {
            return LogFormat.fromFileName(name).map(LogFormat::streamable).orElse(false);
        }
    }
}
