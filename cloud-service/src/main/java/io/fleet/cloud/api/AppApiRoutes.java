package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.async.AsyncFailures;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrorType;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.http.ApiException;
import io.fleet.cloud.users.AuthFailureThrottle;
import io.fleet.cloud.users.InvalidUserException;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserDirectory;
import io.fleet.cloud.users.UserStore;
import io.fleet.cloud.users.VoicePins;
import io.fleet.cloud.vehicles.CommandNotCancellableException;
import io.fleet.cloud.vehicles.VehicleListQuery;
import io.fleet.cloud.vehicles.Vehicles;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The app API under {@code /api} (see {@code api/openapi.yaml}, served at {@code /api/openapi.yaml}): bearer-token
 * authentication ({@link BearerAuthentication}), vehicles, commands, the live event stream
 * ({@link VehicleEventStream}), user administration for admins and users' tokens ({@link TokenRoutes}).
 *
 * <p>Threads: handlers run on the Vert.x event loop and never block; work goes through the futures of
 * {@link Vehicles} and {@link UserDirectory}, and user administration through {@code executeBlocking}.
 */
public final class AppApiRoutes {

    static final String USER = "fleet.user";
    private static final int MAX_HISTORY = 500;

    private final Vehicles vehicles;
    private final UserStore users;
    private final BearerAuthentication authentication;
    private final TokenRoutes tokens;
    private final OpeningPin openingPin;
    private final byte[] openApi;

    /**
     * @param pins  the PINs that unlocking and opening need ({@link OpeningPin})
     * @param clock the time that token expiry is judged by
     */
    public AppApiRoutes(Vehicles vehicles, UserStore users, VoicePins pins, AuthFailureThrottle throttle,
                        Clock clock) {
        this.vehicles = vehicles;
        this.users = users;
        this.openingPin = new OpeningPin(pins);
        this.authentication = new BearerAuthentication(users, throttle);
        this.tokens = new TokenRoutes(users, clock);
        this.openApi = readOpenApi();
    }

    public void mount(Router router) {
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml").end(io.vertx.core.buffer.Buffer.buffer(openApi)));
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(16 * 1024));
        router.route("/api/*").handler(authentication);
        router.get("/api/me").handler(ctx -> json(ctx, 200, ApiJson.user(user(ctx)).toString()));
        router.get("/api/vehicles").handler(this::listVehicles);
        router.get("/api/vehicles/:vin").handler(ctx -> reply(ctx, vehicles.get(user(ctx), vin(ctx))
                .thenApply(v -> ApiJson.vehicle(v).toString()), 200));
        router.post("/api/vehicles/:vin/commands").handler(this::submit);
        router.get("/api/vehicles/:vin/commands").handler(this::history);
        router.get("/api/vehicles/:vin/commands/:id").handler(this::command);
        router.delete("/api/vehicles/:vin/commands/:id").handler(this::cancel);
        router.get("/api/vehicles/:vin/events").handler(ctx -> new VehicleEventStream(vehicles, ctx).start());
        router.post("/api/users").handler(this::addUser);
        tokens.mount(router);
    }

    private void listVehicles(RoutingContext ctx) {
        VehicleListQuery query;
        try {
            query = VehicleListParameters.parse(ctx.request().params());
        } catch (IllegalArgumentException e) {
            ApiErrors.send(ctx, ApiError.badRequest(e.getMessage()));
            return;
        }
        reply(ctx, vehicles.page(user(ctx), query).thenApply(page -> {
            ArrayNode array = ApiJson.JSON.createArrayNode();
            page.vehicles().forEach(v -> array.add(ApiJson.vehicle(v)));
            ObjectNode answer = ApiJson.JSON.createObjectNode().put("total", page.total());
            answer.set("vehicles", array);
            page.lastOfPage().ifPresent(last -> answer.put("nextToken", Page.tokenAfter(last)));
            return answer.toString();
        }), 200);
    }

    private void submit(RoutingContext ctx) {
        JsonNode body;
        try {
            body = ApiJson.JSON.readTree(ctx.body().asString());
        } catch (IOException | RuntimeException e) {
            ApiErrors.send(ctx, ApiError.badRequest("the body must be JSON {\"attribute\": ..., \"value\": ...}"));
            return;
        }
        if (body == null || !body.isObject() || !body.path("attribute").isTextual() || !body.has("value")) {
            ApiErrors.send(ctx, ApiError.badRequest("the body must be {\"attribute\": \"<leaf, e.g. trunk>\", "
                    + "\"value\": <value>, \"expiresInSeconds\": <optional>, \"pin\": <optional>}"));
            return;
        }
        JsonNode expiresIn = body.get("expiresInSeconds");
        if (expiresIn != null && !expiresIn.isNull() && !expiresIn.canConvertToLong()) {
            ApiErrors.send(ctx, ApiError.badRequest("expiresInSeconds must be a whole number of seconds, got "
                    + expiresIn));
            return;
        }
        Object value = ApiJson.JSON.convertValue(body.get("value"), Object.class);
        String attribute = body.get("attribute").asText();
        String source = "console".equals(ctx.request().getHeader("X-Fleet-Source")) ? "console" : "app";
        Long expiresInSeconds = expiresIn == null || expiresIn.isNull() ? null : expiresIn.longValue();
        openingPin.refusal(user(ctx), vin(ctx), attribute, value, body.get("pin")).whenComplete((refusal, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
            } else if (refusal.isPresent()) {
                json(ctx, refusal.get().status(), refusal.get().body().toString());
            } else {
                submit(ctx, attribute, value, source, expiresInSeconds);
            }
        });
    }

    private void submit(RoutingContext ctx, String attribute, Object value, String source, Long expiresInSeconds) {
        vehicles.submit(user(ctx), vin(ctx), attribute, value, source, expiresInSeconds)
                .whenComplete((command, failure) -> {
                    if (failure != null) {
                        ApiErrors.fail(ctx, failure);
                    } else {
                        ctx.response().putHeader("Location", "/api/vehicles/" + command.vehicle() + "/commands/"
                                + command.id());
                        json(ctx, 202, ApiJson.command(command).toString());
                    }
                });
    }

    private void history(RoutingContext ctx) {
        int limit;
        try {
            String raw = ctx.request().getParam("limit");
            limit = raw == null ? 50 : Integer.parseInt(raw);
            if (limit < 1 || limit > MAX_HISTORY) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            ApiErrors.send(ctx, ApiError.badRequest("limit must be a whole number from 1 to " + MAX_HISTORY));
            return;
        }
        reply(ctx, vehicles.history(user(ctx), vin(ctx), limit).thenApply(list -> {
            ArrayNode array = ApiJson.JSON.createArrayNode();
            list.forEach(c -> array.add(ApiJson.command(c)));
            return ApiJson.JSON.createObjectNode().set("commands", array).toString();
        }), 200);
    }

    private void command(RoutingContext ctx) {
        UUID id = commandId(ctx);
        if (id == null) {
            return;
        }
        reply(ctx, vehicles.command(user(ctx), vin(ctx), id).thenApply(c -> ApiJson.command(c).toString()), 200);
    }

    /** 200 with the CANCELED command; 409 with the command as it is when the vehicle has received it. */
    private void cancel(RoutingContext ctx) {
        UUID id = commandId(ctx);
        if (id == null) {
            return;
        }
        vehicles.cancel(user(ctx), vin(ctx), id).whenComplete((command, failure) -> {
            if (failure == null) {
                json(ctx, 200, ApiJson.command(command).toString());
            } else if (AsyncFailures.unwrap(failure) instanceof CommandNotCancellableException late) {
                ObjectNode body = ApiError.of(ApiErrorType.CONFLICT, late.getMessage()).toJsonNode();
                body.set("command", ApiJson.command(late.command()));
                json(ctx, 409, body.toString());
            } else {
                ApiErrors.fail(ctx, failure);
            }
        });
    }

    /** The command id in the path, or null once a 404 has been sent for one that is no UUID. */
    private static UUID commandId(RoutingContext ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            ApiErrors.send(ctx, ApiError.notFound("no command " + ctx.pathParam("id")));
            return null;
        }
    }

    private void addUser(RoutingContext ctx) {
        if (!user(ctx).isAdmin()) {
            ApiErrors.send(ctx, ApiError.forbidden("only an admin may add users"));
            return;
        }
        JsonNode body;
        try {
            body = ApiJson.JSON.readTree(ctx.body().asString());
        } catch (IOException | RuntimeException e) {
            body = null;
        }
        if (body == null || !body.path("name").isTextual()) {
            ApiErrors.send(ctx, ApiError.badRequest("the body must be {\"name\": ..., \"role\": \"OWNER|ADMIN\", "
                    + "\"vehicles\": [...], \"ttlDays\": <days the token works, 0 = never>}"));
            return;
        }
        String name = body.get("name").asText();
        List<String> owned;
        User.Role role;
        Duration ttl;
        try {
            owned = vehicles(body);
            role = role(body);
            ttl = tokens.ttl(body);
        } catch (InvalidUserException | ApiException e) {
            ApiErrors.fail(ctx, e);
            return;
        }
        ctx.vertx().executeBlocking(() -> users.createUser(name, role, owned, ttl))
                .onSuccess(issued -> json(ctx, 201, ApiJson.issued(name, issued).toString()))
                .onFailure(e -> ApiErrors.fail(ctx, e));
    }

    /** The vehicles a new user is given: none when absent. */
    private static List<String> vehicles(JsonNode body) {
        JsonNode vehicles = body.get("vehicles");
        List<String> owned = new ArrayList<>();
        if (vehicles == null || vehicles.isNull()) {
            return owned;
        }
        if (!vehicles.isArray()) {
            throw new InvalidUserException("vehicles must be a list of thing names, e.g. [\"car-1\"], got " + vehicles);
        }
        for (JsonNode vehicle : vehicles) {
            if (!vehicle.isTextual()) {
                throw new InvalidUserException("vehicles must be a list of thing names, e.g. [\"car-1\"], got "
                        + vehicle + " in it");
            }
            owned.add(vehicle.asText());
        }
        return owned;
    }

    /** The role a new user is asked for: OWNER when absent. */
    private static User.Role role(JsonNode body) {
        JsonNode role = body.get("role");
        if (role == null || role.isNull()) {
            return User.Role.OWNER;
        }
        if (!role.isTextual()) {
            throw new InvalidUserException("role must be OWNER or ADMIN, got " + role);
        }
        return User.Role.parse(role.asText());
    }

    private static void reply(RoutingContext ctx, CompletableFuture<String> body, int status) {
        body.whenComplete((json, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
            } else {
                json(ctx, status, json);
            }
        });
    }

    static User user(RoutingContext ctx) {
        return ctx.get(USER);
    }

    static String vin(RoutingContext ctx) {
        return ctx.pathParam("vin");
    }

    static void json(RoutingContext ctx, int status, String body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static byte[] readOpenApi() {
        try (InputStream in = AppApiRoutes.class.getResourceAsStream("/api/openapi.yaml")) {
            return Optional.ofNullable(in).orElseThrow(() -> new IllegalStateException("api/openapi.yaml missing"))
                    .readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
