package io.fleet.model.log.pcap;

import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.Truncation;
import java.util.Optional;

/** The record or block a capture file ends inside: the parser's error, and what a lenient reader reports. */
final class CutRecords {

    private final String source;
    private Truncation last;

    CutRecords(String source) {
        this.source = source;
    }

    /** The error for a record or block cut off by the end of the file; kept for {@link #last()}. */
    LogFormatException cut(long offset, String what, long present, long missing) {
        last = new Truncation(offset, what, present, missing, 1);
        return LogFormatException.atOffset(source, offset, "truncated: " + last.describe());
    }

    Optional<Truncation> last() {
        return Optional.ofNullable(last);
    }
}
