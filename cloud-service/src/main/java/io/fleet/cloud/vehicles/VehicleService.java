package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.async.AsyncFailures;
import io.fleet.cloud.users.User;
import io.fleet.model.shadow.ExactJson;
import io.fleet.model.shadow.ThingName;
import io.fleet.model.vehicle.CommandExpiry;
import io.fleet.model.vehicle.DesiredChange;
import io.fleet.model.vehicle.VehicleAttributes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link Vehicles} on a {@link ShadowBackend} and PostgreSQL. A command is validated by the agent's own vocabulary
 * ({@link VehicleAttributes}), recorded, written as the shadow's desired state, and then followed by the
 * {@link CommandTracker}.
 *
 * <p>Threads: JDBC work runs on the {@code blocking} executor; futures complete there or on the shadow back-end's
 * threads.
 */
public final class VehicleService implements Vehicles {

    private static final ObjectMapper JSON = ExactJson.newMapper();

    private final ShadowBackend shadows;
    private final CommandRepository commands;
    private final PresenceRepository presence;
    private final CommandTracker tracker;
    private final CommandWithdrawal withdrawal;
    private final Expiry expiry;
    private final VehicleEventHub hub;
    private final AgentMetricsBoard agents;
    private final BlockingJdbc jdbc;
    private final Clock clock;

    /** A command's expiry when it asks for none, and the longest it may ask for. */
    record Expiry(Duration standard, Duration max) {
    }

    VehicleService(ShadowBackend shadows, CommandRepository commands, PresenceRepository presence,
                   CommandTracker tracker, CommandWithdrawal withdrawal, VehicleEventHub hub, AgentMetricsBoard agents,
                   Executor blocking, Clock clock, Expiry expiry) {
        this.withdrawal = withdrawal;
        this.expiry = expiry;
        this.shadows = shadows;
        this.commands = commands;
        this.presence = presence;
        this.tracker = tracker;
        this.hub = hub;
        this.agents = agents;
        this.jdbc = new BlockingJdbc(blocking);
        this.clock = clock;
    }

    @Override
    public CompletableFuture<List<VehicleView>> list(User user) {
        return jdbc.call(() -> user.isAdmin() ? presence.allVehicles() : user.vehicles()).thenCompose(names -> {
            List<CompletableFuture<VehicleView>> views = new ArrayList<>();
            names.stream().sorted().forEach(name -> views.add(view(name)));
            return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                    .thenApply(done -> views.stream().map(CompletableFuture::join).toList());
        });
    }

    @Override
    public CompletableFuture<VehiclePage> page(User user, VehicleListQuery query) {
        Optional<List<String>> among = user.isAdmin() ? Optional.empty() : Optional.of(user.vehicles());
        return jdbc.call(() -> presence.page(among, query)).thenCompose(names -> {
            int size = query.limit().orElse(Integer.MAX_VALUE);
            List<String> ids = names.ids().size() > size ? names.ids().subList(0, size) : names.ids();
            Optional<String> last = ids.size() < names.ids().size() ? Optional.of(ids.get(size - 1))
                    : Optional.empty();
            List<CompletableFuture<VehicleView>> views = ids.stream().map(this::view).toList();
            return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).thenApply(done ->
                    new VehiclePage(views.stream().map(CompletableFuture::join).toList(), names.total(), last));
        });
    }

    @Override
    public CompletableFuture<VehicleView> get(User user, String vehicle) {
        return access(user, vehicle).thenCompose(ok -> view(vehicle));
    }

    @Override
    public CompletableFuture<VehicleCommand> submit(User user, String vehicle, String attribute, Object value,
                                                    String source, Long expiresInSeconds) {
        DesiredChange change = VehicleAttributes.parse(attribute == null ? "" : attribute, value);
        if (change instanceof DesiredChange.Invalid invalid) {
            return access(user, vehicle).thenCompose(ok -> CompletableFuture.failedFuture(
                    new InvalidCommandException(invalid.reason())));
        }
        if (expiresInSeconds != null && (expiresInSeconds < 1 || expiresInSeconds > expiry.max().toSeconds())) {
            return access(user, vehicle).thenCompose(ok -> CompletableFuture.failedFuture(new InvalidCommandException(
                    "expiresInSeconds must be from 1 to " + expiry.max().toSeconds() + " (vehicles."
                            + "maxCommandExpirySeconds), got " + expiresInSeconds)));
        }
        long expiresIn = expiresInSeconds != null ? expiresInSeconds : expiry.standard().toSeconds();
        UUID id = UUID.randomUUID();
        Object canonical = canonical(((DesiredChange.Valid) change).command().value(), attribute, id);
        return access(user, vehicle)
                .thenCompose(ok -> shadows.get(vehicle))
                .thenCompose(shadow -> jdbc.call(() -> {
                    long now = clock.millis();
                    VehicleCommand command = new VehicleCommand(id, vehicle, attribute, canonical,
                            CommandStatus.PENDING, null, null, source, user.name(), now, now, now + expiresIn * 1000);
                    commands.insert(command);
                    return shadow.map(s -> s.path("state").path("reported")).orElse(null);
                }))
                .thenCompose(reported -> shadows.updateDesired(vehicle, desired(attribute, canonical, expiresIn),
                                id.toString(), Optional.empty())
                        .handle((version, failure) -> failure == null ? jdbc.call(() -> written(id, vehicle, attribute,
                                canonical, version, reported)) : this.<VehicleCommand>failed(id, failure))
                        .thenCompose(f -> f));
    }

    private VehicleCommand written(UUID id, String vehicle, String attribute, Object value, long version,
                                   JsonNode reported) throws SQLException {
        boolean already = CommandResolution.alreadyReported(attribute, value, reported);
        CommandStatus status = already ? CommandStatus.SUCCEEDED : CommandStatus.PENDING;
        String reason = already ? "the vehicle already reports " + attribute + " = " + value : null;
        VehicleCommand command = commands.written(id, version, status, reason, clock.millis())
                .orElseGet(() -> BlockingJdbc.unchecked(() -> commands.find(vehicle, id).orElseThrow()));
        return command.status().isFinal() ? command : tracker.recheck(command);
    }

    private <T> CompletableFuture<T> failed(UUID id, Throwable failure) {
        Throwable cause = AsyncFailures.unwrap(failure);
        return jdbc.call(() -> {
            commands.transition(id, CommandStatus.FAILED, "the desired state could not be written: "
                    + cause.getMessage(), clock.millis());
            throw new CompletionException(cause);
        });
    }

    @Override
    public CompletableFuture<VehicleCommand> command(User user, String vehicle, UUID id) {
        return access(user, vehicle).thenCompose(ok -> jdbc.call(() -> commands.find(vehicle, id)
                .orElseThrow(() -> new VehicleNotFoundException("no command " + id + " for " + vehicle))));
    }

    @Override
    public CompletableFuture<VehicleCommand> cancel(User user, String vehicle, UUID id) {
        return command(user, vehicle, id).thenCompose(command -> {
            if (command.status() == CommandStatus.PENDING && command.desiredVersion() == null) {
                return CompletableFuture.failedFuture(new CommandNotCancellableException(command,
                        "the command is still being written to the vehicle's shadow; try again"));
            }
            return withdrawal.withdraw(command, CommandStatus.CANCELED, "cancelled by " + user.name())
                    .thenCompose(result -> result.withdrawn() ? CompletableFuture.completedFuture(result.command())
                            : CompletableFuture.failedFuture(new CommandNotCancellableException(result.command(),
                                    notCancellable(result.command()))));
        });
    }

    private static String notCancellable(VehicleCommand command) {
        return switch (command.status()) {
            case PENDING, DELIVERED -> "the vehicle has received the command already";
            default -> "the command has ended already";
        } + " (status " + command.status() + ")";
    }

    @Override
    public CompletableFuture<List<VehicleCommand>> history(User user, String vehicle, int limit) {
        return access(user, vehicle).thenCompose(ok -> jdbc.call(() -> commands.history(vehicle, limit)));
    }

    @Override
    public CompletableFuture<VehicleCommand> awaitFinal(User user, String vehicle, UUID id, Duration max) {
        CompletableFuture<VehicleCommand> finalStatus = hub.whenFinal(id);
        return command(user, vehicle, id).thenCompose(now -> {
            if (now.status().isFinal()) {
                hub.forget(id);
                return CompletableFuture.completedFuture(now);
            }
            return finalStatus.completeOnTimeout(null, max.toMillis(), TimeUnit.MILLISECONDS)
                    .thenCompose(done -> {
                        hub.forget(id);
                        return done != null ? CompletableFuture.completedFuture(done) : command(user, vehicle, id);
                    });
        }).whenComplete((c, failure) -> {
            if (failure != null) {
                hub.forget(id);
            }
        });
    }

    @Override
    public AutoCloseable subscribe(User user, String vehicle, Consumer<VehicleEvent> listener) {
        if (!user.mayAccess(vehicle) || !ThingName.isValid(vehicle)) {
            throw new VehicleNotFoundException("no vehicle " + vehicle);
        }
        return hub.subscribe(vehicle, listener);
    }

    private CompletableFuture<VehicleView> view(String vehicle) {
        return shadows.get(vehicle).thenCompose(shadow -> jdbc.call(() -> {
            Optional<PresenceRepository.Presence> seen = presence.find(vehicle);
            return new VehicleView(vehicle, seen.map(PresenceRepository.Presence::online).orElse(false),
                    seen.map(PresenceRepository.Presence::lastSeen), shadow, agents.latest(vehicle));
        }));
    }

    private static CompletableFuture<Void> access(User user, String vehicle) {
        if (vehicle == null || !ThingName.isValid(vehicle) || !user.mayAccess(vehicle)) {
            return CompletableFuture.failedFuture(new VehicleNotFoundException("no vehicle " + vehicle));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** horn_flash is momentary: each command gets a fresh request token, so a repeat is a new desired change. */
    private static Object canonical(Object value, String attribute, UUID id) {
        return "horn_flash".equals(attribute) && Boolean.TRUE.equals(value) ? id.toString().substring(0, 8) : value;
    }

    /** The desired update of a command: its value, and its expiry in seconds beside it ({@link CommandExpiry}). */
    private static ObjectNode desired(String attribute, Object value, long expiresInSeconds) {
        ObjectNode desired = nested(attribute, value);
        desired.set(CommandExpiry.KEY, nested(attribute, expiresInSeconds));
        return desired;
    }

    static ObjectNode nested(String attribute, Object value) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode leaf = root;
        String[] path = attribute.split("\\.");
        for (int i = 0; i < path.length - 1; i++) {
            leaf = leaf.putObject(path[i]);
        }
        leaf.set(path[path.length - 1], JSON.valueToTree(value));
        return root;
    }
}
