package io.fleet.rig.source;

import io.fleet.model.log.LogReader;
import io.fleet.rig.replay.RecordSource;
import java.io.IOException;
import java.nio.file.Path;

/** A drive-log file on local disk. */
public record FileRecordSource(Path file, LogOpener opener) implements RecordSource {

    @Override
    public LogReader open() throws IOException {
        return opener.open(file);
    }

    @Override
    public String name() {
        return file.getFileName().toString();
    }
}
