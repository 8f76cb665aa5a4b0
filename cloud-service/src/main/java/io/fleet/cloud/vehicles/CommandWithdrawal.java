package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.model.shadow.ExactJson;
import io.fleet.model.vehicle.CommandExpiry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Takes back a command the vehicle has not received: cancelled by its user, or expired. The shadow decides between
 * this and the agent's receipt. The withdrawal is a desired update conditional on the version at which the shadow
 * was read showing neither a receipt nor an outcome of the command; the agent's receipt is conditional on desired
 * still holding the command. Whichever the shadow accepts first wins, the other gets a version conflict and, reading
 * again, finds the winner's write. Only then is the stored status changed (PENDING -> CANCELED/EXPIRED), so the
 * cloud never says CANCELED for a command the car has received.
 *
 * <p>Threads: JDBC work runs on {@code blocking}; the futures complete there or on the shadow back-end's threads.
 */
final class CommandWithdrawal {

    private static final ObjectMapper JSON = ExactJson.newMapper();
    private static final int ATTEMPTS = 4;

    private final ShadowBackend shadows;
    private final CommandRepository commands;
    private final CommandTracker tracker;
    private final BlockingJdbc jdbc;
    private final Clock clock;

    /** The command afterwards, and whether it was withdrawn ({@code false}: the vehicle had it already). */
    record Result(VehicleCommand command, boolean withdrawn) {
    }

    CommandWithdrawal(ShadowBackend shadows, CommandRepository commands, CommandTracker tracker, Executor blocking,
                      Clock clock) {
        this.shadows = shadows;
        this.commands = commands;
        this.tracker = tracker;
        this.jdbc = new BlockingJdbc(blocking);
        this.clock = clock;
    }

    /** Withdraws a PENDING command as {@code status} (CANCELED or EXPIRED) with {@code reason}, unless received. */
    CompletableFuture<Result> withdraw(VehicleCommand command, CommandStatus status, String reason) {
        if (command.status() != CommandStatus.PENDING || command.desiredVersion() == null) {
            return CompletableFuture.completedFuture(new Result(command, false));
        }
        return jdbc.call(() -> commands.laterCommandFor(command))
                .thenCompose(later -> takeBack(command, later, true, ATTEMPTS))
                .thenCompose(received -> jdbc.call(() -> received.isPresent()
                        ? new Result(resolve(command, received.get()), false) : decided(command, status, reason)));
    }

    /**
     * Withdraws the desired value of a command that was received but got no outcome in time (TIMED_OUT), if desired
     * still holds it, so a car that comes back never acts on it late.
     */
    CompletableFuture<Void> withdrawStale(VehicleCommand command) {
        return jdbc.call(() -> commands.laterCommandFor(command))
                .thenCompose(later -> takeBack(command, later, false, ATTEMPTS)).thenApply(done -> null);
    }

    /**
     * Withdraws {@code desired.commandExpiry.<attribute>} of a command the car ended (SUCCEEDED, REJECTED, FAILED): an
     * expiry is the command's, so it must not stay behind in desired. Conditional on the version read, and only while
     * no later command for the attribute exists, so a newer command's expiry is never taken.
     */
    CompletableFuture<Void> withdrawExpiry(VehicleCommand ended) {
        return withdrawExpiry(ended, ATTEMPTS);
    }

    private CompletableFuture<Void> withdrawExpiry(VehicleCommand ended, int attempts) {
        String pointer = "/" + CommandExpiry.KEY + "/" + ended.attribute().replace('.', '/');
        return shadows.get(ended.vehicle()).thenCompose(shadow -> {
            if (shadow.isEmpty() || shadow.get().path("state").path("desired").at(pointer).isMissingNode()) {
                return CompletableFuture.completedFuture(null);
            }
            long version = shadow.get().path("version").asLong();
            return jdbc.call(() -> commands.laterCommandFor(ended)).thenCompose(later -> {
                if (later) {
                    return CompletableFuture.completedFuture(null); // its expiry is the later command's now
                }
                ObjectNode withdrawal = JSON.createObjectNode();
                withdrawal.set(CommandExpiry.KEY, VehicleService.nested(ended.attribute(), null));
                return shadows.updateDesired(ended.vehicle(), withdrawal, "expiry-" + ended.id(), Optional.of(version))
                        .thenApply(written -> (Void) null);
            });
        }).exceptionallyCompose(failure -> attempts > 1 && conflict(failure)
                ? withdrawExpiry(ended, attempts - 1) : CompletableFuture.failedFuture(failure));
    }

    /**
     * One read of the shadow and, at its version, one conditional write of {@code desired.<attribute> = null} (and
     * its expiry) when desired still holds this command. Completes with the reported state instead when
     * {@code unlessReceived} and that version shows the command received; empty otherwise. A version conflict
     * (the agent's receipt, a report, another command) reads again.
     */
    private CompletableFuture<Optional<JsonNode>> takeBack(VehicleCommand command, boolean later,
                                                          boolean unlessReceived, int attempts) {
        return shadows.get(command.vehicle()).thenCompose(shadow -> {
            JsonNode reported = shadow.map(s -> s.path("state").path("reported")).orElse(null);
            if (unlessReceived && reported != null && (CommandResolution.resolve(command, reported).isPresent()
                    || CommandResolution.alreadyReported(command.attribute(), command.value(), reported))) {
                return CompletableFuture.completedFuture(Optional.of(reported));
            }
            JsonNode desired = shadow.map(s -> s.path("state").path("desired")
                    .at("/" + command.attribute().replace('.', '/'))).orElse(null);
            if (later || desired == null || !CommandResolution.sameValue(JSON.valueToTree(command.value()), desired)) {
                return CompletableFuture.completedFuture(Optional.<JsonNode>empty()); // not ours (any more)
            }
            ObjectNode withdrawal = VehicleService.nested(command.attribute(), null);
            withdrawal.set(CommandExpiry.KEY, VehicleService.nested(command.attribute(), null));
            return shadows.updateDesired(command.vehicle(), withdrawal, "withdraw-" + command.id(),
                    Optional.of(shadow.get().path("version").asLong()))
                    .thenApply(version -> Optional.<JsonNode>empty());
        }).exceptionallyCompose(failure -> attempts > 1 && conflict(failure)
                ? takeBack(command, later, unlessReceived, attempts - 1) : CompletableFuture.failedFuture(failure));
    }

    /** The command as the shadow shows it received: its receipt or outcome, or the value already reported. */
    private VehicleCommand resolve(VehicleCommand command, JsonNode reported) throws SQLException {
        Optional<VehicleCommand> changed = tracker.resolve(command, reported);
        if (changed.isEmpty() && CommandResolution.alreadyReported(command.attribute(), command.value(), reported)) {
            changed = commands.transition(command.id(), CommandStatus.SUCCEEDED, "the vehicle reports "
                    + command.attribute() + " = " + command.value(), clock.millis());
        }
        return changed.isPresent() ? changed.get() : commands.find(command.vehicle(), command.id()).orElse(command);
    }

    private Result decided(VehicleCommand command, CommandStatus status, String reason) throws SQLException {
        Optional<VehicleCommand> changed = commands.transition(command.id(), CommandStatus.PENDING, status, reason,
                clock.millis());
        return changed.isPresent() ? new Result(changed.get(), true)
                : new Result(commands.find(command.vehicle(), command.id()).orElse(command), false);
    }

    private static boolean conflict(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof ShadowBackendException backend && backend.status() == 409) {
                return true;
            }
        }
        return false;
    }
}
