package io.fleet.agent.sync;

import io.fleet.agent.ecu.ActuationException;
import io.fleet.agent.ecu.EcuAdapter;
import io.fleet.agent.vehicle.Interlocks;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.CommandStatus;
import io.fleet.model.vehicle.DesiredChange;
import io.fleet.model.vehicle.LastCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries out one desired change on the agent thread: validation result, interlocks, then the ECU adapter, waiting
 * at most {@code timeout} for the actuation. Never throws; every outcome becomes a {@link LastCommand}.
 */
final class CommandRunner {

    private final EcuAdapter ecu;
    private final Clock clock;
    private final Duration timeout;

    CommandRunner(EcuAdapter ecu, Clock clock, Duration timeout) {
        this.ecu = ecu;
        this.clock = clock;
        this.timeout = timeout;
    }

    LastCommand run(DesiredChange change, long desiredVersion) {
        if (change instanceof DesiredChange.Invalid) {
            return outcome(change, desiredVersion, CommandStatus.REJECTED, ((DesiredChange.Invalid) change).reason());
        }
        Command command = ((DesiredChange.Valid) change).command();
        if (AppliedDesired.sameValue(ecu.state().get(command.path()), command.value())
                && !"horn_flash".equals(command.path())) {
            return outcome(change, desiredVersion, CommandStatus.SUCCEEDED, null);
        }
        Optional<String> interlock = Interlocks.check(ecu.state(), command);
        if (interlock.isPresent()) {
            return outcome(change, desiredVersion, CommandStatus.REJECTED, interlock.get());
        }
        try {
            ecu.actuate(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return outcome(change, desiredVersion, CommandStatus.SUCCEEDED, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof ActuationException ? cause.getMessage() : "ECU error: " + cause;
            return outcome(change, desiredVersion, CommandStatus.FAILED, reason);
        } catch (TimeoutException e) {
            return outcome(change, desiredVersion, CommandStatus.TIMED_OUT,
                    "no confirmation from the ECU within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(change, desiredVersion, CommandStatus.FAILED, "agent stopped during actuation");
        }
    }

    private LastCommand outcome(DesiredChange change, long version, CommandStatus status, String reason) {
        return new LastCommand(change.path(), change.requested(), version, status, reason,
                clock.instant().getEpochSecond());
    }
}
