package io.fleet.cloud.campaigns;

import java.util.List;
import java.util.Optional;

/**
 * A rig as the dispatcher sees it (hil-rig README, "Rig agent"): a thing with {@code reported.rig} in its classic
 * shadow or a {@code capabilities} attribute.
 *
 * @param capabilities {@code reported.rig.capabilities}, else the comma-separated {@code capabilities} attribute
 * @param connected    the broker's last presence event for the thing said connected
 * @param health       {@code reported.rig.health} ("healthy", "unhealthy"), "unknown" without one
 * @param busy         {@code reported.rig.busy}: the rig says it is running a job (a campaign run, or one created
 *                     outside campaigns, e.g. with {@code aws iot create-job}); it gets no lease until it says no more
 * @param currentRun   the run it holds a lease for
 */
public record Rig(String name, List<String> capabilities, boolean connected, String health, boolean busy,
                  Optional<String> reason, Optional<String> softwareVersion, Optional<Long> currentRun) {

    /** The {@code reported.rig.health} of a rig that may take work. */
    static final String HEALTHY = "healthy";

    public Rig {
        capabilities = List.copyOf(capabilities);
    }

    /** Connected, healthy, not busy and holding no lease: it may get a run. */
    public boolean dispatchable() {
        return connected && HEALTHY.equals(health) && !busy && currentRun.isEmpty();
    }

    /** It has every capability of {@code required}. */
    public boolean covers(List<String> required) {
        return capabilities.containsAll(required);
    }
}
