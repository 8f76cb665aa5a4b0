package io.fleet.cloud.http;

import io.fleet.cloud.async.AsyncFailures;
import io.fleet.cloud.users.InvalidUserException;
import io.fleet.cloud.users.NoSuchUserException;
import io.fleet.cloud.vehicles.InvalidCommandException;
import io.fleet.cloud.vehicles.ShadowBackendException;
import io.fleet.cloud.vehicles.VehicleNotFoundException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the JSON HTTP surfaces answer an error: {@link #send} writes an {@link ApiError}, {@link #fail} answers a
 * failed request with the error its exception stands for, and {@link #from} is the one place that decides which
 * error that is. Unexpected exceptions are logged here, once, and answered 500 without their details.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** Answers the request with {@code error}, unless it was answered (or the client left) already. */
    public static void send(RoutingContext ctx, ApiError error) {
        send(ctx.response(), error);
    }

    /** As {@link #send(RoutingContext, ApiError)}, for a request the router has not seen. */
    public static void send(HttpServerResponse response, ApiError error) {
        if (response.ended() || response.closed()) {
            return;
        }
        error.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", Long.toString(seconds)));
        if (error.type() == ApiErrorType.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json").end(error.toJson());
    }

    /** Answers the request with the error {@code failure} (a future's failure too) stands for. */
    public static void fail(RoutingContext ctx, Throwable failure) {
        send(ctx, from(failure, ctx.request().method() + " " + ctx.request().path()));
    }

    /**
     * The error a failure stands for. Only exceptions that say what the caller got wrong become 4xx answers, with
     * their message; anything else is logged at ERROR, naming {@code request}, and becomes 500.
     */
    public static ApiError from(Throwable failure, String request) {
        Throwable cause = AsyncFailures.unwrap(failure);
        if (cause instanceof ApiException api) {
            return api.error();
        }
        if (cause instanceof VehicleNotFoundException || cause instanceof NoSuchUserException) {
            return ApiError.notFound(cause.getMessage());
        }
        if (cause instanceof InvalidCommandException || cause instanceof InvalidUserException) {
            return ApiError.badRequest(cause.getMessage());
        }
        if (cause instanceof ShadowBackendException backend && backend.status() == 429) {
            return ApiError.of(ApiErrorType.THROTTLED, "the vehicle's shadow is busy; retry");
        }
        LOG.error("{} failed", request, cause);
        return ApiError.internal();
    }
}
