package io.fleet.agent.sync;

import java.util.Map;

/** Reads a leaf's timestamp from shadow metadata: {@code {"doors": {"fl": {"timestamp": 1700000000}}}}. */
final class DesiredTimestamps {

    private DesiredTimestamps() {
    }

    /** Epoch seconds when the desired leaf at {@code path} was last set, or 0 when the metadata lacks it. */
    static long of(Map<String, Object> metadata, String path) {
        Object node = metadata;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map)) {
                return 0;
            }
            node = ((Map<?, ?>) node).get(part);
        }
        if (node instanceof Map && ((Map<?, ?>) node).get("timestamp") instanceof Number) {
            return ((Number) ((Map<?, ?>) node).get("timestamp")).longValue();
        }
        return 0;
    }
}
