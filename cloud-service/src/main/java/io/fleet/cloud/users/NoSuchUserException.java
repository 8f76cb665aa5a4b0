package io.fleet.cloud.users;

/** The user named does not exist. An {@link IllegalArgumentException}, as callers of the stores have caught. */
public final class NoSuchUserException extends IllegalArgumentException {

    public NoSuchUserException(String name) {
        super("no user named " + name);
    }
}
