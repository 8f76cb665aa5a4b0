package io.fleet.agent.ecu.can;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A command sent and not yet confirmed: its frame (repeated every cycle with the same counter), the counter the
 * ECU's acknowledgement will carry, and the caller's future. Used only on the adapter thread.
 */
final class PendingCommand {

    final Command command;
    final SignalBinding binding;
    final DbcMessage message;
    /** How the ECU acknowledges the message, if it does. */
    final Optional<CommandAck> ack;
    /** The rolling counter sent with it; -1 when the message has none. */
    final int counter;
    final CanFrame frame;
    final CompletableFuture<VehicleState> done;
    private ScheduledFuture<?> repeat;
    private ScheduledFuture<?> timeout;

    PendingCommand(Command command, SignalBinding binding, DbcMessage message, Optional<CommandAck> ack, int counter,
                   CanFrame frame, CompletableFuture<VehicleState> done) {
        this.command = command;
        this.binding = binding;
        this.message = message;
        this.ack = ack;
        this.counter = counter;
        this.frame = frame;
        this.done = done;
    }

    /** Whether only the acknowledgement can confirm it: a momentary command has no status to watch. */
    boolean confirmedByAckOnly() {
        return binding.statusSignal().isEmpty();
    }

    String path() {
        return command.path();
    }

    void timers(ScheduledFuture<?> repeatTask, ScheduledFuture<?> timeoutTask) {
        this.repeat = repeatTask;
        this.timeout = timeoutTask;
    }

    /** Whether the reported state shows the commanded value (numbers compared by value: 21 equals 21.0). */
    boolean reachedIn(VehicleState state) {
        Object now = state.get(command.path());
        Object wanted = command.value();
        if (now instanceof Number a && wanted instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return wanted.equals(now);
    }

    void stopTimers() {
        if (repeat != null) {
            repeat.cancel(false);
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public String toString() {
        return command.path() + "=" + command.value() + (counter >= 0 ? " (counter " + counter + ")" : "");
    }
}
