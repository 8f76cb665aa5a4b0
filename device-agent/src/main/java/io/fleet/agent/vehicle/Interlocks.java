package io.fleet.agent.vehicle;

import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.util.Optional;

/**
 * Safety interlocks checked before any actuation: nothing opens and no window goes down while the vehicle moves,
 * and the trunk does not open while the car is locked.
 */
public final class Interlocks {

    private Interlocks() {
    }

    /** Why {@code command} must not run in {@code state}, or empty when it may. */
    public static Optional<String> check(VehicleState state, Command command) {
        int speed = state.speed();
        String path = command.path();
        boolean opening = "open".equals(command.value());
        if (speed > 0 && opening && (path.startsWith("doors.") || "trunk".equals(path))) {
            return Optional.of("vehicle is moving (speed " + speed + " km/h): " + path + " cannot open");
        }
        if (speed > 0 && path.startsWith("windows.") && command.value() instanceof Integer) {
            Object current = state.get(path);
            int now = current instanceof Number ? ((Number) current).intValue() : 0;
            if ((Integer) command.value() > now) {
                return Optional.of("vehicle is moving (speed " + speed + " km/h): " + path + " cannot go down");
            }
        }
        if ("trunk".equals(path) && opening && "locked".equals(state.get("lock"))) {
            return Optional.of("vehicle is locked: unlock it before opening the trunk");
        }
        return Optional.empty();
    }
}
