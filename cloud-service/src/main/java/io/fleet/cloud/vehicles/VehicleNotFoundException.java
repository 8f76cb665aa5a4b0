package io.fleet.cloud.vehicles;

/**
 * No such vehicle, or not one the user may see (HTTP 404 in both cases, so a user cannot probe for other users'
 * vehicles), or no such command.
 */
public final class VehicleNotFoundException extends RuntimeException {
    public VehicleNotFoundException(String message) {
        super(message);
    }
}
