package io.fleet.rig.replay;

/**
 * How often and how long a sender waited because its next record was not queued yet: the reader (decoding the
 * source) had fallen behind the timeline, or was held up itself (a safepoint, a slow download). Only time on the
 * timeline counts: a wait before its start, or one that ended with the end of the source, is none.
 *
 * @param count      waits for a record
 * @param totalNanos their sum
 * @param maxNanos   the longest
 */
public record SourceStalls(long count, long totalNanos, long maxNanos) {

    public static final SourceStalls NONE = new SourceStalls(0, 0, 0);

    /** These stalls and one more of {@code waitNanos}. */
    public SourceStalls and(long waitNanos) {
        return new SourceStalls(count + 1, totalNanos + waitNanos, Math.max(maxNanos, waitNanos));
    }
}
