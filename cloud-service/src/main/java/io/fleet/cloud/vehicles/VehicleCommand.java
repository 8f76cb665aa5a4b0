package io.fleet.cloud.vehicles;

import java.util.Objects;
import java.util.UUID;

/**
 * One command as the app API and Alexa see it. {@code attribute} is a shadow leaf path such as {@code trunk} or
 * {@code windows.fl}; {@code value} is canonical (window "down" is 100); {@code desiredVersion} is the shadow
 * version at which the desired value was written (null until written); times are epoch milliseconds;
 * {@code expiresAt} is when the command expires unless the vehicle has received it (null for commands stored before
 * per-command expiry existed).
 */
public record VehicleCommand(UUID id, String vehicle, String attribute, Object value, CommandStatus status,
                             String reason, Long desiredVersion, String source, String user, long createdAt,
                             long updatedAt, Long expiresAt) {

    public VehicleCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
    }
}
