package io.fleet.agent.ecu.can;

import io.fleet.agent.ecu.ActuationException;
import io.fleet.agent.ecu.EcuAdapter;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.SignalValue;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vehicle's body controller on a CAN bus described by a DBC. A command becomes the command message's signal
 * (through the {@link CanSignalMap}) with the next rolling counter, sent at once and repeated every message cycle
 * ({@code GenMsgCycleTime}, else 100 ms) until confirmed: by the status signal showing the commanded value, or for
 * a command without status by the ECU's acknowledgement. An acknowledgement other than "accepted", a send error,
 * or no confirmation within {@code confirmTimeout} fails the command with {@link ActuationException}. Status
 * frames update the state whether or not a command is pending (speed, odometer...). While a status message has
 * not arrived yet or is stale (see {@link StatusFreshness}), the state is not the vehicle's (a car that moves but
 * has not said so looks parked to the interlocks), so commands fail at once.
 *
 * <p>Threads: one adapter thread (from the given factory) owns the state, the pending commands, their repetition
 * and timeouts; state listeners and the futures' completions run on it. The transport's receive thread only hands
 * frames over; at most {@value #MAX_BACKLOG} wait, further ones are dropped and counted (status repeats anyway).
 * {@link #actuate} and {@link #state} may be called from any thread.
 */
public final class CanEcuAdapter implements EcuAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(CanEcuAdapter.class);
    private static final int MAX_BACKLOG = 256;
    private static final int DEFAULT_CYCLE_MS = 100;

    private final DbcDatabase db;
    private final CanSignalMap map;
    private final CanTransport transport;
    private final Duration confirmTimeout;
    private final ScheduledThreadPoolExecutor loop;
    private final List<Consumer<VehicleState>> listeners = new CopyOnWriteArrayList<>();
    private final StatusSignals status;
    /** Adapter thread only. */
    private final Map<String, PendingCommand> pendingByPath = new HashMap<>();
    private final CommandEncoder encoder;
    private final StatusFreshness freshness;
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong unknownFrames = new AtomicLong();
    private volatile VehicleState state;

    /**
     * Starts receiving at once.
     *
     * @param initial        the state until status frames say otherwise (the journal's last known state)
     * @param confirmTimeout how long a command is repeated without confirmation before it fails
     * @throws IllegalArgumentException when the map names a message or signal the DBC lacks
     */
    public CanEcuAdapter(DbcDatabase db, CanSignalMap map, CanTransport transport, VehicleState initial, Clock clock,
                         Duration confirmTimeout, ThreadFactory threads) {
        this.db = db;
        this.map = map.checkedAgainst(db);
        this.transport = transport;
        this.state = initial;
        this.confirmTimeout = confirmTimeout;
        this.status = new StatusSignals(map);
        this.freshness = new StatusFreshness(db, status.messages(), clock);
        this.encoder = new CommandEncoder(db, this.map, clock);
        loop = new ScheduledThreadPoolExecutor(1, threads);
        loop.setRemoveOnCancelPolicy(true);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        transport.startReceiving(this::received);
    }

    @Override
    public VehicleState state() {
        return state;
    }

    @Override
    public CompletableFuture<VehicleState> actuate(Command command) {
        CompletableFuture<VehicleState> done = new CompletableFuture<>();
        try {
            loop.execute(() -> start(command, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new ActuationException("the CAN adapter is closed"));
        }
        return done;
    }

    @Override
    public void onStateChange(Consumer<VehicleState> listener) {
        listeners.add(listener);
    }

    /** Whether every status message has arrived at least once, so {@link #state()} is the vehicle's. */
    public boolean stateKnown() {
        return freshness.allSeen();
    }

    /** Received frames whose id the DBC does not know. */
    public long unknownFrames() {
        return unknownFrames.get();
    }

    /** Received frames dropped because the adapter thread was {@value #MAX_BACKLOG} frames behind. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    private void start(Command command, CompletableFuture<VehicleState> done) {
        Optional<String> untrusted = freshness.problem();
        if (untrusted.isPresent()) {
            done.completeExceptionally(new ActuationException(untrusted.get() + " (is the " + transport
                    + " bus up?)"));
            return;
        }
        PendingCommand pending;
        try {
            pending = encoder.encode(command, done);
        } catch (ActuationException e) {
            done.completeExceptionally(e);
            return;
        }
        PendingCommand previous = pendingByPath.put(command.path(), pending);
        if (previous != null) {
            fail(previous, "superseded by a newer command for " + command.path());
        }
        LOG.debug("sending {} as {}", pending, pending.frame);
        if (!send(pending)) {
            return;
        }
        if (pending.confirmedByAckOnly() && pending.ack.isEmpty()) {
            finish(pending, state.with(command.path(), command.value())); // nothing will ever confirm it
            return;
        }
        long cycle = pending.message.cycleTimeMillis().orElse(DEFAULT_CYCLE_MS);
        pending.timers(loop.scheduleAtFixedRate(() -> send(pending), cycle, cycle, TimeUnit.MILLISECONDS),
                loop.schedule(() -> fail(pending, "no confirmation from " + pending.message.name()
                        + "'s receiver within " + confirmTimeout.toMillis() + " ms"), confirmTimeout.toNanos(),
                        TimeUnit.NANOSECONDS));
    }

    private boolean send(PendingCommand pending) {
        try {
            transport.send(pending.frame);
            return true;
        } catch (IOException | RuntimeException e) {
            fail(pending, "CAN send failed on " + transport + ": " + e.getMessage());
            return false;
        }
    }

    /** On the transport's receive thread. */
    private void received(CanFrame frame) {
        if (backlog.incrementAndGet() > MAX_BACKLOG) {
            backlog.decrementAndGet();
            droppedFrames.incrementAndGet();
            return;
        }
        try {
            loop.execute(() -> {
                backlog.decrementAndGet();
                try {
                    onFrame(frame);
                } catch (RuntimeException e) {
                    LOG.warn("ignored received frame {}: {}", frame, e.toString());
                }
            });
        } catch (RejectedExecutionException closed) {
            backlog.decrementAndGet();
        }
    }

    private void onFrame(CanFrame frame) {
        Optional<DbcMessage> message = db.message(frame);
        if (message.isEmpty()) {
            unknownFrames.incrementAndGet();
            return;
        }
        Map<String, SignalValue> values = message.get().decode(frame);
        change(status.apply(state, message.get().name(), values));
        freshness.received(message.get().name());
        for (CommandAck ack : map.acks()) {
            if (ack.ackMessage().equals(message.get().name())) {
                acknowledged(ack, values);
            }
        }
        for (PendingCommand pending : List.copyOf(pendingByPath.values())) {
            if (!pending.confirmedByAckOnly() && pending.reachedIn(state)) {
                finish(pending, state);
            }
        }
    }

    private void acknowledged(CommandAck ack, Map<String, SignalValue> values) {
        SignalValue counter = values.get(ack.ackCounterSignal());
        SignalValue result = values.get(ack.resultSignal());
        String label = result == null ? ack.noResultLabel() : result.label().orElse("raw " + result.raw());
        if (counter == null || label.equals(ack.noResultLabel())) {
            return;
        }
        boolean anyPending = false;
        for (PendingCommand pending : List.copyOf(pendingByPath.values())) {
            if (!pending.message.name().equals(ack.commandMessage())) {
                continue;
            }
            anyPending = true;
            if (pending.counter != counter.raw()) {
                continue;
            }
            if (!label.equals(ack.acceptedLabel())) {
                fail(pending, "the ECU answered " + label + " to " + pending);
            } else if (pending.confirmedByAckOnly()) {
                finish(pending, state.with(pending.path(), pending.command.value()));
            }
        }
        if (!anyPending) {
            encoder.continueFrom(ack.commandMessage(), (int) counter.raw());
        }
    }

    private void finish(PendingCommand pending, VehicleState next) {
        change(next);
        pendingByPath.remove(pending.path(), pending);
        pending.stopTimers();
        pending.done.complete(state);
    }

    private void fail(PendingCommand pending, String reason) {
        pendingByPath.remove(pending.path(), pending);
        pending.stopTimers();
        pending.done.completeExceptionally(new ActuationException(reason));
    }

    private void change(VehicleState next) {
        if (next.equals(state)) {
            return;
        }
        state = next;
        for (Consumer<VehicleState> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("state listener failed: {}", e.toString());
            }
        }
    }

    /** Fails what is pending, stops the adapter thread and closes the transport. */
    @Override
    public void close() {
        try {
            loop.execute(() -> List.copyOf(pendingByPath.values()).forEach(p -> fail(p, "the CAN adapter closed")));
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        loop.shutdown();
        try {
            if (!loop.awaitTermination(2, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.shutdownNow();
        }
        try {
            transport.close();
        } catch (IOException e) {
            LOG.warn("closing {}: {}", transport, e.getMessage());
        }
    }
}
