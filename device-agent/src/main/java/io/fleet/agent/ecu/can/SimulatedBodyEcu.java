package io.fleet.agent.ecu.can;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.SignalValue;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body controller (BCM) simulated at the far end of a {@link CanTransport}, speaking the same DBC and signal map
 * as the agent: it acts once per command counter value, answers with the acknowledgement at once, applies the
 * command after {@code actuationDelay} (or answers "Fault" for a path in {@code failingPaths}), and sends every
 * status message each cycle ({@code GenMsgCycleTime}) and at once on change. For tests and for a laptop without a
 * car ({@code device-agent body-ecu}).
 *
 * <p>Threads: one simulation thread (from the given factory) owns the state; the transport's receive thread and
 * {@link #set} only hand work to it.
 */
public final class SimulatedBodyEcu implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBodyEcu.class);
    private static final String FAULT = "Fault";

    private final DbcDatabase db;
    private final CanSignalMap map;
    private final StatusSignals status;
    private final CanTransport transport;
    private final Duration actuationDelay;
    private final Set<String> failingPaths;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor loop;
    /** Simulation thread only: per command message, the counter last acted on and its result label. */
    private final Map<String, Integer> actedCounter = new HashMap<>();
    private final Map<String, String> result = new HashMap<>();
    private final AtomicInteger hornFlashes = new AtomicInteger();
    private volatile VehicleState state;

    public SimulatedBodyEcu(DbcDatabase db, CanSignalMap map, CanTransport transport, VehicleState initial,
                            Duration actuationDelay, Set<String> failingPaths, Clock clock, ThreadFactory threads) {
        this.db = db;
        this.map = map.checkedAgainst(db);
        this.status = new StatusSignals(map);
        this.transport = transport;
        this.state = initial;
        this.actuationDelay = actuationDelay;
        this.failingPaths = Set.copyOf(failingPaths);
        this.clock = clock;
        this.loop = new ScheduledThreadPoolExecutor(1, threads);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts answering commands and sending status. */
    public SimulatedBodyEcu start() {
        transport.startReceiving(frame -> loop.execute(() -> onCommand(frame)));
        for (String message : statusMessages()) {
            long cycle = db.message(message).orElseThrow().cycleTimeMillis().orElse(100);
            loop.scheduleAtFixedRate(() -> sendStatus(message), 0, cycle, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Changes a leaf as the car itself would (speed, ignition, a door opened by hand); status follows at once. */
    public void set(String path, Object value) {
        loop.execute(() -> apply(Map.of(path, value)));
    }

    public VehicleState state() {
        return state;
    }

    /** How often the horn sounded: once per command counter, however often the frame was repeated. */
    public int hornFlashes() {
        return hornFlashes.get();
    }

    private Set<String> statusMessages() {
        Set<String> messages = new LinkedHashSet<>(status.messages());
        map.acks().forEach(ack -> messages.add(ack.ackMessage()));
        return messages;
    }

    private void onCommand(CanFrame frame) {
        Optional<DbcMessage> message = db.message(frame);
        if (message.isEmpty()) {
            return;
        }
        String name = message.get().name();
        Map<String, SignalValue> values = message.get().decode(frame);
        Optional<CommandAck> ack = map.ackFor(name);
        if (ack.isPresent()) {
            SignalValue counter = values.get(ack.get().counterSignal());
            if (counter == null || Integer.valueOf((int) counter.raw()).equals(actedCounter.get(name))) {
                return; // a repetition of a command already done
            }
            actedCounter.put(name, (int) counter.raw());
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (SignalBinding binding : map.bindings()) {
            SignalValue value = binding.commandSignal().filter(ref -> ref.message().equals(name))
                    .map(ref -> values.get(ref.signal())).orElse(null);
            if (value != null) {
                binding.commandValues().toShadow(value).ifPresent(v -> changes.put(binding.path(), v));
            }
        }
        boolean fault = changes.keySet().stream().anyMatch(failingPaths::contains);
        ack.ifPresent(a -> {
            result.put(name, fault ? FAULT : a.acceptedLabel());
            sendStatus(a.ackMessage());
        });
        if (!fault && !changes.isEmpty()) {
            loop.schedule(() -> apply(changes), actuationDelay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void apply(Map<String, Object> changes) {
        VehicleState next = state;
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            if ("horn_flash".equals(change.getKey())) {
                hornFlashes.incrementAndGet();
            } else {
                next = next.with(change.getKey(), change.getValue());
            }
        }
        if (!next.equals(state)) {
            state = next;
            statusMessages().forEach(this::sendStatus);
        }
    }

    private void sendStatus(String messageName) {
        DbcMessage message = db.message(messageName).orElseThrow();
        Map<String, Object> values = new HashMap<>();
        for (SignalBinding binding : status.bindingsOf(messageName)) {
            Object value = state.get(binding.path());
            if (value != null) {
                values.put(binding.status().signal(), binding.statusValues().toSignal(value));
            }
        }
        for (CommandAck ack : map.acks()) {
            Integer counter = actedCounter.get(ack.commandMessage());
            if (ack.ackMessage().equals(messageName) && counter != null) {
                values.put(ack.ackCounterSignal(), counter);
                values.put(ack.resultSignal(), result.get(ack.commandMessage()));
            }
        }
        try {
            transport.send(message.encodeFrame(CommandEncoder.epochNanos(clock), 0, values));
        } catch (IOException | RuntimeException e) {
            LOG.warn("simulated BCM could not send {}: {}", messageName, e.toString());
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            transport.close();
        } catch (IOException e) {
            LOG.warn("closing {}: {}", transport, e.getMessage());
        }
    }
}
