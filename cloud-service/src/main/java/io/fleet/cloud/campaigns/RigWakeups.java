package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.vehicles.DeviceWatcher;

/**
 * Wakes the dispatcher when a rig may have become free for work, so it gets a queued run at once instead of at the
 * next timed pass: a device connected (any device: whether it is a rig is the dispatcher's query, and wakes that
 * come together make one pass), or a rig's {@code reported.rig} turned healthy and not busy.
 *
 * <p>Threads: the vehicle-events thread; {@link Dispatcher#wake} only queues a pass.
 */
public final class RigWakeups implements DeviceWatcher {

    private final Runnable wake;

    /** @param wake e.g. {@code dispatcher::wake}; must not block */
    public RigWakeups(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public void connected(String thing) {
        wake.run();
    }

    @Override
    public void shadowDocuments(String thing, JsonNode documents) {
        if (turnedReady(documents)) {
            wake.run();
        }
    }

    /** The update made {@code reported.rig} healthy and not busy where it was not before. */
    static boolean turnedReady(JsonNode documents) {
        return ready(documents.path("current")) && !ready(documents.path("previous"));
    }

    private static boolean ready(JsonNode shadow) {
        JsonNode rig = shadow.path("state").path("reported").path("rig");
        return Rig.HEALTHY.equals(rig.path("health").asText()) && !rig.path("busy").asBoolean(false);
    }
}
