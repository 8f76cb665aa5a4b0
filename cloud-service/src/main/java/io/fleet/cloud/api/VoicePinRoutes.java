package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.users.PinHash;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.VoicePinCheck;
import io.fleet.cloud.users.VoicePinStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice PIN under the app API (mounted after {@link AppApiRoutes}, whose handler has authenticated the caller):
 * {@code PUT /api/users/{name}/pin} sets a user's PIN (an admin, or the user themself), and
 * {@code POST /api/me/voice-pin/check} checks the caller's PIN for the Alexa skill where it runs as a Lambda
 * function. PINs are never logged or echoed; a malformed one is refused before anything is stored.
 *
 * <p>Threads: the event loop; hashing and the database run through {@code executeBlocking} and the store's executor.
 */
public final class VoicePinRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(VoicePinRoutes.class);
    private static final String BODY = "the body must be {\"pin\": \"<4 digits>\"}";

    private final VoicePinStore pins;

    public VoicePinRoutes(VoicePinStore pins) {
        this.pins = pins;
    }

    public void mount(Router router) {
        router.put("/api/users/:name/pin").handler(this::setPin);
        router.post("/api/me/voice-pin/check").handler(this::check);
    }

    private void setPin(RoutingContext ctx) {
        User caller = AppApiRoutes.user(ctx);
        String name = ctx.pathParam("name");
        if (!caller.isAdmin() && !caller.name().equals(name)) {
            ApiErrors.send(ctx, ApiError.forbidden("only an admin or " + name + " may set " + name + "'s voice PIN"));
            return;
        }
        Optional<String> pin = pin(ctx);
        if (pin.isEmpty() || !PinHash.isWellFormed(pin.get())) {
            ApiErrors.send(ctx, ApiError.badRequest(pin.isEmpty() ? BODY : "pin must be exactly 4 digits (0-9)"));
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            pins.setPin(name, pin.get());
            return null;
        }).onSuccess(ignored -> {
            LOG.info("voice PIN of {} set by {}", name, caller.name());
            ctx.response().setStatusCode(204).end();
        }).onFailure(e -> ApiErrors.fail(ctx, e));
    }

    private void check(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null || body.has("pin") && !body.get("pin").isTextual()) {
            ApiErrors.send(ctx, ApiError.badRequest("the body must be {} or {\"pin\": \"<4 digits>\"}"));
            return;
        }
        pins.check(AppApiRoutes.user(ctx), Optional.ofNullable(body.get("pin")).map(JsonNode::asText))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        ApiErrors.fail(ctx, failure);
                    } else {
                        AppApiRoutes.json(ctx, 200, json(result).toString());
                    }
                });
    }

    static ObjectNode json(VoicePinCheck check) {
        ObjectNode node = ApiJson.JSON.createObjectNode();
        if (check instanceof VoicePinCheck.Accepted) {
            node.put("result", "ACCEPTED");
        } else if (check instanceof VoicePinCheck.Required) {
            node.put("result", "REQUIRED");
        } else if (check instanceof VoicePinCheck.NotSet) {
            node.put("result", "NOT_SET");
        } else if (check instanceof VoicePinCheck.Wrong wrong) {
            node.put("result", "WRONG").put("triesLeft", wrong.triesLeft());
        } else if (check instanceof VoicePinCheck.Locked locked) {
            node.put("result", "LOCKED").put("lockedForSeconds", Math.max(1, locked.remaining().toSeconds()));
        }
        return node;
    }

    private static Optional<String> pin(RoutingContext ctx) {
        JsonNode body = body(ctx);
        return body != null && body.path("pin").isTextual() ? Optional.of(body.get("pin").asText()) : Optional.empty();
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            JsonNode body = ApiJson.JSON.readTree(ctx.body().asString());
            return body != null && body.isObject() ? body : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
