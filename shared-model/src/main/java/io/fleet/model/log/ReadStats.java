package io.fleet.model.log;

/**
 * What a {@link LogReader} has seen so far.
 *
 * @param records  records returned
 * @param skipped  well-formed entries that are not frames and were skipped on purpose (error frames, statistics,
 *                 status events, comments)
 * @param rejected malformed entries skipped in lenient mode
 */
public record ReadStats(long records, long skipped, long rejected) {
}
