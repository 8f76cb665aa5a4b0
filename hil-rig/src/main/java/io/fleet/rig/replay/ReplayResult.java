package io.fleet.rig.replay;

import io.fleet.model.log.ReadStats;
import java.util.List;

/**
 * Outcome of a replay.
 *
 * @param durationNanos  timeline time from the start to the last send
 * @param read           records read from the source (all loops)
 * @param outsideWindow  records skipped before the window
 * @param filtered       CAN frames dropped by the id filter
 * @param unmapped       records whose channel maps to no output that accepts them
 * @param failure        why reading stopped early, or null
 */
public record ReplayResult(String sourceName, long durationNanos, long read, long outsideWindow, long filtered,
                           long unmapped, ReadStats readStats, List<OutputReport> outputs, Exception failure) {

    public ReplayResult {
        outputs = List.copyOf(outputs);
    }

    public long sent() {
        return outputs.stream().mapToLong(OutputReport::sent).sum();
    }

    public long dropped() {
        return outputs.stream().mapToLong(OutputReport::dropped).sum();
    }
}
