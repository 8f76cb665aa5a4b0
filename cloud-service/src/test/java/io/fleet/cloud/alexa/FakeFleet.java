package io.fleet.cloud.alexa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserDirectory;
import io.fleet.cloud.users.VoicePinCheck;
import io.fleet.cloud.users.VoicePins;
import io.fleet.cloud.vehicles.CommandStatus;
import io.fleet.cloud.vehicles.VehicleCommand;
import io.fleet.cloud.vehicles.VehicleEvent;
import io.fleet.cloud.vehicles.VehicleNotFoundException;
import io.fleet.cloud.vehicles.VehicleView;
import io.fleet.cloud.vehicles.Vehicles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-memory stand-in for the users and vehicles services: token {@code alice-token} is alice with demo-car-1,
 * {@code bob-token} is bob with two cars and no default. Records every submit and answers awaitFinal with
 * {@link #outcome} and {@link #reason}. Voice PINs: alice's and bob's is 1234, a wrong one is answered
 * {@code Wrong(2)}; {@link #pinAnswer}, when set, answers every PIN check (the lockout itself is
 * {@code VoicePinStoreIT}'s).
 */
final class FakeFleet implements UserDirectory, Vehicles, VoicePins {

    static final User ALICE = new User(1, "alice", User.Role.OWNER, List.of("demo-car-1"), Optional.empty());
    static final User BOB = new User(2, "bob", User.Role.OWNER, List.of("demo-car-1", "demo-car-2"),
            Optional.empty());

    record Submit(User user, String vehicle, String attribute, Object value, String source) {
    }

    final List<Submit> submits = new CopyOnWriteArrayList<>();
    final Map<String, User> tokens = new ConcurrentHashMap<>(Map.of("alice-token", ALICE, "bob-token", BOB));
    final Map<String, ObjectNode> reported = new ConcurrentHashMap<>();
    volatile CommandStatus outcome = CommandStatus.SUCCEEDED;
    volatile String reason;
    volatile boolean online = true;
    volatile Duration lastWait;
    final Map<String, String> pins = new ConcurrentHashMap<>(Map.of("alice", "1234", "bob", "1234"));
    final List<Optional<String>> pinChecks = new CopyOnWriteArrayList<>();
    volatile VoicePinCheck pinAnswer;
    /** When set, submit fails with it. */
    volatile RuntimeException failure;

    @Override
    public CompletableFuture<Optional<User>> authenticate(String bearerToken) {
        return CompletableFuture.completedFuture(Optional.ofNullable(tokens.get(bearerToken)));
    }

    @Override
    public CompletableFuture<VoicePinCheck> check(User user, Optional<String> pin) {
        pinChecks.add(pin);
        String set = pins.get(user.name());
        VoicePinCheck answer = pinAnswer != null ? pinAnswer : set == null ? new VoicePinCheck.NotSet()
                : pin.isEmpty() ? new VoicePinCheck.Required()
                : set.equals(pin.get()) ? new VoicePinCheck.Accepted() : new VoicePinCheck.Wrong(2);
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public CompletableFuture<List<VehicleView>> list(User user) {
        return CompletableFuture.completedFuture(user.vehicles().stream().map(this::view).toList());
    }

    @Override
    public CompletableFuture<VehicleView> get(User user, String vehicle) {
        if (!user.mayAccess(vehicle)) {
            return CompletableFuture.failedFuture(new VehicleNotFoundException("no vehicle " + vehicle));
        }
        return CompletableFuture.completedFuture(view(vehicle));
    }

    private VehicleView view(String vehicle) {
        ObjectNode state = reported.get(vehicle);
        Optional<ObjectNode> shadow = Optional.ofNullable(state).map(s -> {
            ObjectNode doc = new ObjectMapper().createObjectNode();
            doc.putObject("state").set("reported", s);
            return doc;
        });
        return new VehicleView(vehicle, online, Optional.of(0L), shadow);
    }

    /** Sets the vehicle's reported state from JSON, e.g. {@code {"lock":"locked"}}. */
    void report(String vehicle, String json) throws Exception {
        reported.put(vehicle, (ObjectNode) new ObjectMapper().readTree(json));
    }

    @Override
    public CompletableFuture<VehicleCommand> submit(User user, String vehicle, String attribute, Object value,
                                                    String source, Long expiresInSeconds) {
        if (!user.mayAccess(vehicle)) {
            return CompletableFuture.failedFuture(new VehicleNotFoundException("no vehicle " + vehicle));
        }
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        submits.add(new Submit(user, vehicle, attribute, value, source));
        return CompletableFuture.completedFuture(command(vehicle, attribute, value, CommandStatus.DELIVERED, null));
    }

    @Override
    public CompletableFuture<VehicleCommand> awaitFinal(User user, String vehicle, UUID id, Duration max) {
        lastWait = max;
        Submit last = submits.get(submits.size() - 1);
        return CompletableFuture.completedFuture(command(vehicle, last.attribute(), last.value(), outcome, reason));
    }

    private static VehicleCommand command(String vehicle, String attribute, Object value, CommandStatus status,
                                          String reason) {
        return new VehicleCommand(UUID.randomUUID(), vehicle, attribute, value, status, reason, 7L, "alexa", "alice",
                0, 0, null);
    }

    @Override
    public CompletableFuture<VehicleCommand> cancel(User user, String vehicle, UUID id) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<VehicleCommand> command(User user, String vehicle, UUID id) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<List<VehicleCommand>> history(User user, String vehicle, int limit) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public AutoCloseable subscribe(User user, String vehicle, Consumer<VehicleEvent> listener) {
        throw new UnsupportedOperationException();
    }
}
