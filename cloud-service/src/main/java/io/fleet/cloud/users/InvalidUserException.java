package io.fleet.cloud.users;

/**
 * A user cannot be added or changed as asked (bad name, role or vehicle, a name taken); the message says what to
 * change. An {@link IllegalArgumentException}, as callers of the stores have caught.
 */
public final class InvalidUserException extends IllegalArgumentException {

    public InvalidUserException(String message) {
        super(message);
    }
}
