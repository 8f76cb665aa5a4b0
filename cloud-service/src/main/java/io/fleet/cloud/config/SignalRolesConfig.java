package io.fleet.cloud.config;

import java.util.List;

/**
 * The decoded signals that play a role in scenario detection: the first signal of a drive log whose name is in
 * a list (or whose {@code Message.Signal} is) takes the role. Speed in m/s, km/h, kph, kmh or mph; heading in
 * degrees.
 *
 * @param speed   default {@code [Speed]}; e.g. add J1939's {@code WheelBasedVehicleSpeed}
 * @param heading default {@code [Heading]}
 */
public record SignalRolesConfig(List<String> speed, List<String> heading) {
    public SignalRolesConfig {
        speed = speed != null ? List.copyOf(speed) : List.of("Speed");
        heading = heading != null ? List.copyOf(heading) : List.of("Heading");
    }

    /** Speed from a signal named Speed, heading from one named Heading. */
    public static SignalRolesConfig defaults() {
        return new SignalRolesConfig(null, null);
    }
}
