package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** Something that changed about one vehicle, as streamed to the app and the console. */
public sealed interface VehicleEvent {

    String vehicle();

    /** The vehicle's shadow after a change ({@code /update/documents}' {@code current} plus version). */
    record ShadowChanged(String vehicle, long version, ObjectNode state, ObjectNode metadata) implements VehicleEvent {
        public ShadowChanged {
            Objects.requireNonNull(vehicle, "vehicle");
        }
    }

    /** The vehicle connected or disconnected; {@code at} is epoch milliseconds. */
    record PresenceChanged(String vehicle, boolean online, long at) implements VehicleEvent {
    }

    /** A command's status changed. */
    record CommandChanged(String vehicle, VehicleCommand command) implements VehicleEvent {
    }
}
