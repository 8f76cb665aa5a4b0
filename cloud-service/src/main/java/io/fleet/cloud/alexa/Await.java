package io.fleet.cloud.alexa;

import io.fleet.cloud.async.AsyncFailures;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future on a skill worker thread (never an event loop), rethrowing the failure's own exception. */
final class Await {

    private Await() {
    }

    static <T> T result(CompletableFuture<T> future, Duration max) throws Exception {
        try {
            return future.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = AsyncFailures.unwrap(e);
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (TimeoutException e) {
            future.cancel(false);
            throw e;
        }
    }
}
