package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.users.IssuedToken;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
            AppApiRoutes.json(ctx, 403, ApiJson.error(403, "Forbidden", "only an admin may issue tokens"));
            return;
        }
        JsonNode body;
        try {
            body = optionalBody(ctx);
        } catch (IOException e) {
            AppApiRoutes.json(ctx, 400, ApiJson.error(400, "BadRequest",
                    "the body must be empty or JSON {\"ttlDays\": <days, 0 = never expires>}"));
            return;
        }
        Optional<Duration> ttl = ttl(ctx, body);
        if (ttl.isEmpty()) {
            return;
        }
        blocking(ctx, () -> users.find(name).isEmpty() ? null : users.issueToken(name, ttl.get()), issued -> {
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
            AppApiRoutes.json(ctx, 404, ApiJson.error(404, "NotFound", "no token " + ctx.pathParam("id") + " of "
                    + name + " (token ids are numbers, see GET /api/users/" + name + "/tokens)"));
            return;
        }
        blocking(ctx, () -> users.revoke(name, id), revoked -> {
            if (revoked) {
                LOG.info("token {} of {} revoked by {}", id, name, AppApiRoutes.user(ctx).name());
                ctx.response().setStatusCode(204).end();
            } else {
                AppApiRoutes.json(ctx, 404, ApiJson.error(404, "NotFound", "no token " + id + " of " + name));
            }
        });
    }

    /**
     * The time to live a request asks for with {@code "ttlDays"}, or the service's default; empty after answering
     * 400 for a bad value.
     */
    Optional<Duration> ttl(RoutingContext ctx, JsonNode body) {
        JsonNode days = body == null ? null : body.get("ttlDays");
        if (days == null || days.isNull()) {
            return Optional.of(users.defaultTokenTtl());
        }
        if (!days.isIntegralNumber() || !days.canConvertToInt() || days.asInt() < 0
                || days.asInt() > CloudConfig.Users.MAX_TTL_DAYS) {
            AppApiRoutes.json(ctx, 400, ApiJson.error(400, "BadRequest", "ttlDays must be a whole number of days "
                    + "from 0 (never expires) to " + CloudConfig.Users.MAX_TTL_DAYS + ", got " + days));
            return Optional.empty();
        }
        return Optional.of(Duration.ofDays(days.asInt()));
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
        AppApiRoutes.json(ctx, 404, ApiJson.error(404, "NotFound", "no user named " + name));
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> void blocking(RoutingContext ctx, Work<T> work, java.util.function.Consumer<T> then) {
        ctx.vertx().<T>executeBlocking(work::run).onSuccess(then::accept).onFailure(e -> {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            AppApiRoutes.json(ctx, 500, ApiJson.error(500, "InternalError", "the request failed; see the service log"));
        });
    }
}
