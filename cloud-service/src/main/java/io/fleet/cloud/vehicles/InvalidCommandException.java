package io.fleet.cloud.vehicles;

/** A command the API refuses before writing anything (HTTP 400): unknown attribute, bad value, reported-only. */
public final class InvalidCommandException extends RuntimeException {
    public InvalidCommandException(String message) {
        super(message);
    }
}
