package io.fleet.agent.sync;

import io.fleet.model.vehicle.CommandExpiry;
import java.util.Map;

/** Reads a leaf's timestamp from shadow metadata: {@code {"doors": {"fl": {"timestamp": 1700000000}}}}. */
final class DesiredTimestamps {

    private DesiredTimestamps() {
    }

    /** Epoch seconds when the desired leaf at {@code path} was last set, or 0 when the metadata lacks it. */
    static long of(Map<String, Object> metadata, String path) {
        return CommandExpiry.timestamp(metadata, path);
    }
}
