package io.fleet.rig.replay;

import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import java.io.IOException;
import java.util.Optional;

/** Something that can be read (again, for every loop) as a stream of bus records: a file, an S3 object, memory. */
public interface RecordSource {

    /** A new reader from the beginning; the caller closes it. Called on the replay reader thread. */
    LogReader open() throws IOException;

    /** Shown in reports: a file name or an s3:// URL. */
    String name();

    /** The source's log format where it is known before reading, so that commands can refuse a target up front. */
    default Optional<LogFormat> format() {
        return Optional.empty();
    }
}
