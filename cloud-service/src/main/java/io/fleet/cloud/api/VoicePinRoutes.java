package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
            AppApiRoutes.json(ctx, 403, ApiJson.error(403, "Forbidden",
                    "only an admin or " + name + " may set " + name + "'s voice PIN"));
            return;
        }
        Optional<String> pin = pin(ctx);
        if (pin.isEmpty() || !PinHash.isWellFormed(pin.get())) {
            AppApiRoutes.json(ctx, 400, ApiJson.error(400, "BadRequest",
                    pin.isEmpty() ? BODY : "pin must be exactly 4 digits (0-9)"));
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            pins.setPin(name, pin.get());
            return null;
        }).onSuccess(ignored -> {
            LOG.info("voice PIN of {} set by {}", name, caller.name());
            ctx.response().setStatusCode(204).end();
        }).onFailure(e -> {
            if (e instanceof IllegalArgumentException) {
                AppApiRoutes.json(ctx, 404, ApiJson.error(404, "NotFound", e.getMessage()));
            } else {
                LOG.error("setting the voice PIN of {} failed", name, e);
                AppApiRoutes.json(ctx, 500, ApiJson.error(500, "InternalError", "could not set the voice PIN"));
            }
        });
    }

    private void check(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null || body.has("pin") && !body.get("pin").isTextual()) {
            AppApiRoutes.json(ctx, 400, ApiJson.error(400, "BadRequest",
                    "the body must be {} or {\"pin\": \"<4 digits>\"}"));
            return;
        }
        pins.check(AppApiRoutes.user(ctx), Optional.ofNullable(body.get("pin")).map(JsonNode::asText))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        AppApiRoutes.fail(ctx, failure);
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
