package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fleet.cloud.config.UsersConfig;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.http.ApiException;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's bearer tokens under {@code /api/users/{name}/tokens}: list them (ids and dates, never the secret) and
 * revoke one, as an admin or as the user for their own tokens; issue a further one, as an admin only (a user who
 * could issue their own tokens would never be bound by expiry). To anyone else another user's tokens do not exist
 * (404), as another user's vehicle does not.
 *
 * <p>Threads: the handlers run on the event loop; the database work through {@code executeBlocking}.
 */
final class TokenRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);

    private final UserStore users;
    private final Clock clock;

    TokenRoutes(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/users/:name/tokens").handler(this::list);
        router.post("/api/users/:name/tokens").handler(this::issue);
        router.delete("/api/users/:name/tokens/:id").handler(this::revoke);
    }

    private void list(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (!mayManage(ctx, name)) {
            return;
        }
        long current = ctx.<Long>get(BearerAuthentication.TOKEN_ID);
        blocking(ctx, () -> users.tokens(name), tokens -> {
            if (tokens.isEmpty()) {
                noSuchUser(ctx, name);
                return;
            }
            Instant now = clock.instant();
            ArrayNode array = ApiJson.JSON.createArrayNode();
            tokens.get().forEach(t -> array.add(ApiJson.token(t, now).put("current", t.id() == current)));
            AppApiRoutes.json(ctx, 200, ApiJson.JSON.createObjectNode().put("name", name).set("tokens", array)
                    .toString());
        });
    }

    private void issue(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (!AppApiRoutes.user(ctx).isAdmin()) {
            ApiErrors.send(ctx, ApiError.forbidden("only an admin may issue tokens"));
            return;
        }
        Duration ttl;
        try {
            ttl = ttl(optionalBody(ctx));
        } catch (IOException e) {
            ApiErrors.send(ctx, ApiError.badRequest(
                    "the body must be empty or JSON {\"ttlDays\": <days, 0 = never expires>}"));
            return;
        } catch (ApiException e) {
            ApiErrors.send(ctx, e.error());
            return;
        }
        blocking(ctx, () -> users.find(name).isEmpty() ? null : users.issueToken(name, ttl), issued -> {
            if (issued == null) {
                noSuchUser(ctx, name);
            } else {
                AppApiRoutes.json(ctx, 201, ApiJson.issued(name, issued).toString());
            }
        });
    }

    private void revoke(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (!mayManage(ctx, name)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ApiErrors.send(ctx, ApiError.notFound("no token " + ctx.pathParam("id") + " of " + name
                    + " (token ids are numbers, see GET /api/users/" + name + "/tokens)"));
            return;
        }
        blocking(ctx, () -> users.revoke(name, id), revoked -> {
            if (revoked) {
                LOG.info("token {} of {} revoked by {}", id, name, AppApiRoutes.user(ctx).name());
                ctx.response().setStatusCode(204).end();
            } else {
                ApiErrors.send(ctx, ApiError.notFound("no token " + id + " of " + name));
            }
        });
    }

    /**
     * The time to live a request asks for with {@code "ttlDays"}, or the service's default.
     *
     * @throws ApiException (400) for a value that is not a whole number of days in range
     */
    Duration ttl(JsonNode body) {
        JsonNode days = body == null ? null : body.get("ttlDays");
        if (days == null || days.isNull()) {
            return users.defaultTokenTtl();
        }
        if (!days.isIntegralNumber() || !days.canConvertToInt() || days.asInt() < 0
                || days.asInt() > UsersConfig.MAX_TTL_DAYS) {
            throw new ApiException(ApiError.badRequest("ttlDays must be a whole number of days from 0 (never "
                    + "expires) to " + UsersConfig.MAX_TTL_DAYS + ", got " + days));
        }
        return Duration.ofDays(days.asInt());
    }

    /** Whether the caller may see and revoke {@code name}'s tokens; if not, answers 404 as for no such user. */
    private static boolean mayManage(RoutingContext ctx, String name) {
        User caller = AppApiRoutes.user(ctx);
        if (caller.isAdmin() || caller.name().equals(name)) {
            return true;
        }
        noSuchUser(ctx, name);
        return false;
    }

    private static JsonNode optionalBody(RoutingContext ctx) throws IOException {
        String text = ctx.body() == null ? null : ctx.body().asString();
        return text == null || text.isBlank() ? null : ApiJson.JSON.readTree(text);
    }

    private static void noSuchUser(RoutingContext ctx, String name) {
        ApiErrors.send(ctx, ApiError.notFound("no user named " + name));
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> void blocking(RoutingContext ctx, Work<T> work, Consumer<T> then) {
        ctx.vertx().<T>executeBlocking(work::run).onSuccess(then::accept).onFailure(e -> ApiErrors.fail(ctx, e));
    }
}
