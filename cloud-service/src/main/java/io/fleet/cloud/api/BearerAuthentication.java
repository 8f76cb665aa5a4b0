package io.fleet.cloud.api;

import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrorType;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.users.AuthFailureThrottle;
import io.fleet.cloud.users.Authentication;
import io.fleet.cloud.users.UserStore;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app API's bearer-token check. It runs on the event loop, and the next handler does too (a database lookup
 * completes on a worker, so the answer hops back). A token this instance checked recently is answered from the
 * cache; any other first passes the {@link AuthFailureThrottle} (429 with Retry-After when the client's address, or
 * the service as a whole, has failed too often), and only then is looked up in the database. A good token gives
 * its try back, so only failures count; users behind an attacker's address keep working with tokens already cached.
 */
final class BearerAuthentication implements Handler<RoutingContext> {

    static final String TOKEN_ID = "fleet.tokenId";
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthentication.class);

    private final UserStore users;
    private final AuthFailureThrottle throttle;

    BearerAuthentication(UserStore users, AuthFailureThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : ctx.request().method() == HttpMethod.GET && ctx.request().path().endsWith("/events")
                ? ctx.request().getParam("access_token") : null;
        if (token == null) {
            unauthorized(ctx, "missing bearer token: send Authorization: Bearer <token>");
            return;
        }
        Optional<Authentication> cached = users.checkCached(token);
        if (cached.isPresent()) {
            answer(ctx, cached.get());
            return;
        }
        String address = clientAddress(ctx);
        Optional<AuthFailureThrottle.Refusal> refusal = throttle.acquire(address);
        if (refusal.isPresent()) {
            long seconds = refusal.get().retryAfterSeconds();
            ApiErrors.send(ctx, ApiError.throttled("too many failed authentications "
                    + (refusal.get().global() ? "on this service" : "from your address") + "; retry in " + seconds
                    + " s", seconds));
            return;
        }
        Context eventLoop = ctx.vertx().getOrCreateContext();
        users.check(token).whenComplete((authentication, failure) -> eventLoop.runOnContext(v -> {
            if (failure != null) {
                throttle.release(address);
                LOG.error("token check failed", failure);
                ApiErrors.send(ctx, ApiError.of(ApiErrorType.SERVICE_UNAVAILABLE, "cannot check the token now; retry"));
                return;
            }
            if (authentication instanceof Authentication.Valid) {
                throttle.release(address);
            }
            answer(ctx, authentication);
        }));
    }

    private static void answer(RoutingContext ctx, Authentication authentication) {
        if (authentication instanceof Authentication.Valid valid) {
            ctx.put(AppApiRoutes.USER, valid.user());
            ctx.put(TOKEN_ID, valid.tokenId());
            ctx.next();
        } else if (authentication instanceof Authentication.Expired expired) {
            unauthorized(ctx, "the token expired at " + expired.at() + "; ask an admin for a new one "
                    + "(./fleet user token <name>)");
        } else {
            unauthorized(ctx, "unknown or revoked token");
        }
    }

    private static String clientAddress(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.host() == null ? "unknown" : remote.host();
    }

    private static void unauthorized(RoutingContext ctx, String message) {
        ApiErrors.send(ctx, ApiError.unauthorized(message));
    }
}
