package io.fleet.agent.sync;

import java.util.Objects;

/**
 * The last desired change of one leaf the agent acted on: the shadow version it came with, its value and the
 * desired-metadata timestamp (epoch seconds, 0 when unknown). The same value with the same timestamp is the same
 * desired change, even when it reappears in a later delta because the command was rejected.
 */
public record AppliedDesired(long version, Object value, long desiredTimestamp) {

    /**
     * Whether a delta leaf (at shadow {@code deltaVersion}) is one the agent has already acted on. A lower version
     * with a newer desired timestamp is a new write to a shadow whose versions started again (deleted and
     * recreated, or a reset service), not an old delta.
     */
    public boolean covers(long deltaVersion, Object deltaValue, long deltaTimestamp) {
        boolean newerWrite = deltaTimestamp != 0 && desiredTimestamp != 0 && deltaTimestamp > desiredTimestamp;
        if (deltaVersion <= version && !newerWrite) {
            return true;
        }
        return deltaTimestamp != 0 && deltaTimestamp == desiredTimestamp && sameValue(value, deltaValue);
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return Objects.equals(a, b);
    }
}
