package io.fleet.cloud.http;

import java.util.Objects;

/**
 * Thrown (or failing a future) where a request turns out to be unanswerable as asked, deep in the code that finds
 * out; {@link ApiErrors#from} answers it with its {@link ApiError} as it is.
 */
public final class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public ApiError error() {
        return error;
    }
}
