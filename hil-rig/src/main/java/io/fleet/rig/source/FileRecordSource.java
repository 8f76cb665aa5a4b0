package io.fleet.rig.source;

import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.rig.failure.IoFailure;
import io.fleet.rig.replay.RecordSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A drive-log file on local disk. */
public record FileRecordSource(Path file, LogOpener opener) implements RecordSource {

    /**
     * @throws LogFormatException for malformed content, naming the file and where
     * @throws IoFailure          naming the file and why it cannot be read (missing, a directory, no permission)
     */
    @Override
    public LogReader open() throws IOException {
        if (Files.isDirectory(file)) {
            throw IoFailure.of("read", file.toString(), "is a directory", null);
        }
        try {
            return opener.open(file);
        } catch (LogFormatException e) {
            throw e;
        } catch (IOException e) {
            throw IoFailure.reading(file, e);
        }
    }

    /** By the file's first bytes, else its name; empty when it cannot be read ({@link #open} says why). */
    @Override
    public Optional<LogFormat> format() {
        try {
            return Files.isRegularFile(file) ? Optional.of(LogFormat.detect(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return file.getFileName().toString();
    }
}
