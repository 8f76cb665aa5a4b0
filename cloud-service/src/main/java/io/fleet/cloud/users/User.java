package io.fleet.cloud.users;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user of the app API, the console and the Alexa skill. An owner sees and commands only the vehicles bound to
 * them; an admin sees every vehicle. {@code defaultVehicle} is the one Alexa uses when the owner has several.
 */
public record User(long id, String name, Role role, List<String> vehicles, Optional<String> defaultVehicle) {

    public enum Role {
        OWNER, ADMIN;

        /** The role spelled exactly as its name; a request's {@code "role"} is checked with this. */
        public static Role parse(String text) {
            for (Role role : values()) {
                if (role.name().equals(text)) {
                    return role;
                }
            }
            throw new InvalidUserException("role must be OWNER or ADMIN, got "
                    + (text == null ? "none" : "\"" + text + "\""));
        }
    }

    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        vehicles = List.copyOf(vehicles);
        Objects.requireNonNull(defaultVehicle, "defaultVehicle");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this user may see and command {@code vehicle}. */
    public boolean mayAccess(String vehicle) {
        return isAdmin() || vehicles.contains(vehicle);
    }
}
