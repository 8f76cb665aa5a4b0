package io.fleet.cloud.alexa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.async.AsyncFailures;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserDirectory;
import io.fleet.cloud.users.VoicePinCheck;
import io.fleet.cloud.users.VoicePins;
import io.fleet.cloud.vehicles.CommandStatus;
import io.fleet.cloud.vehicles.InvalidCommandException;
import io.fleet.cloud.vehicles.VehicleCommand;
import io.fleet.cloud.vehicles.VehicleEvent;
import io.fleet.cloud.vehicles.VehicleNotFoundException;
import io.fleet.cloud.vehicles.VehicleView;
import io.fleet.cloud.vehicles.Vehicles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The users, vehicles and voice PINs of a fleet service reached over its app API ({@code /api/me},
 * {@code /api/vehicles...}, {@code /api/me/voice-pin/check}),
 * acting with the linked user's own bearer token: how the skill runs where the service is not in the same process
 * (AWS Lambda). The token of every user it authenticated is kept to act for them (bounded; a Lambda container
 * serves few users). Events cannot be streamed here ({@link #subscribe} is unsupported; the skill does not use it).
 */
final class AppApiClient implements UserDirectory, Vehicles, VoicePins {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_USERS = 1000;

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<User, String> tokens = new ConcurrentHashMap<>();

    AppApiClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public CompletableFuture<Optional<User>> authenticate(String bearerToken) {
        return call(bearerToken, "GET", "/api/me", null).thenApply(json -> {
            List<String> vehicles = new ArrayList<>();
            json.path("vehicles").forEach(v -> vehicles.add(v.asText()));
            String defaultVehicle = json.path("defaultVehicle").isTextual() ? json.get("defaultVehicle").asText()
                    : null;
            User user = new User(0, json.path("name").asText(), User.Role.valueOf(json.path("role").asText("OWNER")),
                    vehicles, Optional.ofNullable(defaultVehicle));
            if (tokens.size() >= MAX_USERS) {
                tokens.clear();
            }
            tokens.put(user, bearerToken);
            return Optional.of(user);
        }).exceptionally(e -> {
            if (AsyncFailures.unwrap(e) instanceof Unauthorized) {
                return Optional.empty();
            }
            throw new CompletionException(AsyncFailures.unwrap(e));
        });
    }

    @Override
    public CompletableFuture<List<VehicleView>> list(User user) {
        return as(user, "GET", "/api/vehicles", null, json -> {
            List<VehicleView> views = new ArrayList<>();
            json.path("vehicles").forEach(v -> views.add(view(v)));
            return views;
        });
    }

    @Override
    public CompletableFuture<VehicleView> get(User user, String vehicle) {
        return as(user, "GET", "/api/vehicles/" + path(vehicle), null, AppApiClient::view);
    }

    @Override
    public CompletableFuture<VehicleCommand> submit(User user, String vehicle, String attribute, Object value,
                                                    String source, Long expiresInSeconds) {
        return post(user, vehicle, commandBody(attribute, value, expiresInSeconds));
    }

    /** The app API checks the PIN of an opening command again, so it goes with the command. */
    @Override
    public CompletableFuture<VehicleCommand> submitWithPin(User user, String vehicle, String attribute, Object value,
                                                           String source, Optional<String> pin) {
        ObjectNode body = commandBody(attribute, value, null);
        pin.ifPresent(p -> body.put("pin", p));
        return post(user, vehicle, body);
    }

    private static ObjectNode commandBody(String attribute, Object value, Long expiresInSeconds) {
        ObjectNode body = JSON.createObjectNode().put("attribute", attribute);
        body.set("value", JSON.valueToTree(value));
        if (expiresInSeconds != null) {
            body.put("expiresInSeconds", expiresInSeconds);
        }
        return body;
    }

    private CompletableFuture<VehicleCommand> post(User user, String vehicle, ObjectNode body) {
        return as(user, "POST", "/api/vehicles/" + path(vehicle) + "/commands", body, AppApiClient::command);
    }

    @Override
    public CompletableFuture<VehicleCommand> cancel(User user, String vehicle, UUID id) {
        return as(user, "DELETE", "/api/vehicles/" + path(vehicle) + "/commands/" + id, null, AppApiClient::command);
    }

    @Override
    public CompletableFuture<VehicleCommand> command(User user, String vehicle, UUID id) {
        return as(user, "GET", "/api/vehicles/" + path(vehicle) + "/commands/" + id, null, AppApiClient::command);
    }

    @Override
    public CompletableFuture<List<VehicleCommand>> history(User user, String vehicle, int limit) {
        return as(user, "GET", "/api/vehicles/" + path(vehicle) + "/commands?limit=" + limit, null, json -> {
            List<VehicleCommand> commands = new ArrayList<>();
            json.path("commands").forEach(c -> commands.add(command(c)));
            return commands;
        });
    }

    /** Polls the command every 100 ms until it is final or {@code max} has passed. */
    @Override
    public CompletableFuture<VehicleCommand> awaitFinal(User user, String vehicle, UUID id, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        return poll(user, vehicle, id, deadline);
    }

    private CompletableFuture<VehicleCommand> poll(User user, String vehicle, UUID id, long deadline) {
        return command(user, vehicle, id).thenCompose(c -> {
            long left = deadline - System.nanoTime();
            if (c.status().isFinal() || left <= 0) {
                return CompletableFuture.completedFuture(c);
            }
            long wait = Math.min(POLL.toNanos(), left);
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS))
                    .thenCompose(ignored -> poll(user, vehicle, id, deadline));
        });
    }

    @Override
    public CompletableFuture<VoicePinCheck> check(User user, Optional<String> pin) {
        ObjectNode body = JSON.createObjectNode();
        pin.ifPresent(p -> body.put("pin", p));
        return as(user, "POST", "/api/me/voice-pin/check", body, AppApiClient::pinCheck);
    }

    private static VoicePinCheck pinCheck(JsonNode json) {
        String result = json.path("result").asText();
        switch (result) {
            case "ACCEPTED":
                return new VoicePinCheck.Accepted();
            case "REQUIRED":
                return new VoicePinCheck.Required();
            case "NOT_SET":
                return new VoicePinCheck.NotSet();
            case "WRONG":
                return new VoicePinCheck.Wrong(json.path("triesLeft").asInt());
            case "LOCKED":
                return new VoicePinCheck.Locked(Duration.ofSeconds(json.path("lockedForSeconds").asLong()));
            default:
                throw new IllegalStateException("/api/me/voice-pin/check: unknown result \"" + result + "\"");
        }
    }

    @Override
    public AutoCloseable subscribe(User user, String vehicle, Consumer<VehicleEvent> listener) {
        throw new UnsupportedOperationException("event streams are not available through the app API client");
    }

    private <T> CompletableFuture<T> as(User user, String method, String path, JsonNode body,
                                        Function<JsonNode, T> parse) {
        String token = tokens.get(user);
        if (token == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(user.name() + " is not authenticated"));
        }
        return call(token, method, path, body).thenApply(parse);
    }

    private CompletableFuture<JsonNode> call(String token, String method, String path, JsonNode body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            JsonNode json;
            try {
                json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(path + ": answer is not JSON (HTTP " + response.statusCode() + ")");
            }
            int status = response.statusCode();
            String message = json.path("message").asText("HTTP " + status);
            if (status == 400) {
                throw new InvalidCommandException(message);
            }
            if (status == 401) {
                throw new Unauthorized();
            }
            if (status == 404) {
                throw new VehicleNotFoundException(message);
            }
            if (status >= 300) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + status + " " + message);
            }
            return json;
        });
    }

    private static VehicleView view(JsonNode v) {
        Optional<Long> lastSeen = v.path("lastSeen").isNumber() ? Optional.of(v.get("lastSeen").asLong())
                : Optional.empty();
        Optional<ObjectNode> shadow = v.path("shadow").isObject() ? Optional.of((ObjectNode) v.get("shadow"))
                : Optional.empty();
        return new VehicleView(v.path("vin").asText(), v.path("online").asBoolean(), lastSeen, shadow);
    }

    private static VehicleCommand command(JsonNode c) {
        Object value = JSON.convertValue(c.get("value"), Object.class);
        return new VehicleCommand(UUID.fromString(c.path("id").asText()), c.path("vin").asText(),
                c.path("attribute").asText(), value == null ? "" : value,
                CommandStatus.valueOf(c.path("status").asText()), c.path("reason").isTextual()
                ? c.get("reason").asText() : null,
                c.path("desiredVersion").isNumber() ? c.get("desiredVersion").asLong() : null,
                c.path("source").asText(null), c.path("user").asText(null), c.path("createdAt").asLong(),
                c.path("updatedAt").asLong(), c.path("expiresAt").isNumber() ? c.get("expiresAt").asLong() : null);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** HTTP 401: the token is unknown or revoked. */
    private static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super("unauthorized", null, false, false);
        }
    }
}
