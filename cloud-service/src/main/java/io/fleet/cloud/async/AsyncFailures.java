package io.fleet.cloud.async;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The exception behind an asynchronous failure, without the wrappers that futures put around it. */
public final class AsyncFailures {

    private AsyncFailures() {
    }

    /**
     * The first cause that is not a {@link CompletionException} or {@link ExecutionException}: what the failed work
     * threw. A wrapper without a cause is returned as it is.
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
