package io.fleet.agent.ecu.can;

import io.fleet.agent.ecu.ActuationException;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Commands into frames: the command signal's value through the signal map, plus the message's next rolling
 * counter. Keeps the last counter of each command message; used only on the adapter thread.
 */
final class CommandEncoder {

    private final DbcDatabase db;
    private final CanSignalMap map;
    private final Clock clock;
    private final Map<String, Integer> lastCounter = new HashMap<>();

    CommandEncoder(DbcDatabase db, CanSignalMap map, Clock clock) {
        this.db = db;
        this.map = map;
        this.clock = clock;
    }

    /**
     * The frame for {@code command}, as a pending command completing {@code done}.
     *
     * @throws ActuationException when no command signal carries the path or its value does not encode
     */
    PendingCommand encode(Command command, CompletableFuture<VehicleState> done) throws ActuationException {
        SignalBinding binding = map.binding(command.path()).filter(b -> b.commandSignal().isPresent())
                .orElseThrow(() -> new ActuationException("no CAN command signal for " + command.path() + " in "
                        + db.source()));
        DbcMessage message = db.message(binding.command().message()).orElseThrow();
        CommandAck ack = map.ackFor(message.name()).orElse(null);
        int counter = ack == null ? -1 : ack.next(lastCounter.getOrDefault(message.name(), ack.counterModulus() - 1));
        Map<String, Object> values = new HashMap<>();
        CanFrame frame;
        try {
            values.put(binding.command().signal(), binding.commandValues().toSignal(command.value()));
            if (ack != null) {
                values.put(ack.counterSignal(), counter);
            }
            frame = message.encodeFrame(epochNanos(clock), 0, values);
        } catch (IllegalArgumentException e) {
            throw new ActuationException("cannot encode " + command.path() + "=" + command.value() + " into "
                    + message.name() + ": " + e.getMessage());
        }
        if (ack != null) {
            lastCounter.put(message.name(), counter);
        }
        return new PendingCommand(command, binding, message, Optional.ofNullable(ack), counter, frame, done);
    }

    /** Continues from the ECU's counter, so the next command is never taken for one it has already done. */
    void continueFrom(String commandMessage, int ecuCounter) {
        lastCounter.put(commandMessage, ecuCounter);
    }

    static long epochNanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
