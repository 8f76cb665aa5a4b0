package io.fleet.model.log;

import java.util.Optional;

/**
 * What a {@link LogReader} has seen so far.
 *
 * @param records    records returned
 * @param skipped    well-formed entries that are not frames and were skipped on purpose (error frames, statistics,
 *                   status events, comments)
 * @param rejected   malformed entries skipped in lenient mode (a record cut off by a truncation counts here too)
 * @param truncation where a lenient reader found the file cut short; empty while the data is whole
 */
public record ReadStats(long records, long skipped, long rejected, Optional<Truncation> truncation) {

    public ReadStats {
        truncation = truncation == null ? Optional.empty() : truncation;
    }

    /** Counts of a log that was not found truncated. */
    public ReadStats(long records, long skipped, long rejected) {
        this(records, skipped, rejected, Optional.empty());
    }
}
