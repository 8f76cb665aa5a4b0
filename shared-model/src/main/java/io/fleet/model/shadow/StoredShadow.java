package io.fleet.model.shadow;

import io.fleet.model.Checks;

/**
 * A shadow as the service stores it. An empty section is the same as an absent one: AWS removes a section that
 * becomes empty, so the engine never stores an empty object that means something.
 *
 * @param desired          {@code state.desired}
 * @param reported         {@code state.reported}
 * @param desiredMetadata  {@code metadata.desired}: the shape of {@code desired}, each leaf {@code {"timestamp": s}}
 * @param reportedMetadata {@code metadata.reported}, likewise
 * @param version          1 after the first update, +1 for every accepted update
 * @param timestamp        epoch seconds of the last accepted update
 */
public record StoredShadow(ImmutableJsonObject desired, ImmutableJsonObject reported,
                           ImmutableJsonObject desiredMetadata, ImmutableJsonObject reportedMetadata,
                           long version, long timestamp) {

    public StoredShadow {
        Checks.notNull(desired, "desired");
        Checks.notNull(reported, "reported");
        Checks.notNull(desiredMetadata, "desiredMetadata");
        Checks.notNull(reportedMetadata, "reportedMetadata");
        Checks.nonNegative(version, "version");
        Checks.nonNegative(timestamp, "timestamp");
    }

    /** Desired values that the device has not reported yet; empty when the device is in sync. */
    public ImmutableJsonObject delta() {
        return ShadowDeltaCalculator.delta(desired, reported);
    }
}
