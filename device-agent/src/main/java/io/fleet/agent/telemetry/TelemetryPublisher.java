package io.fleet.agent.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.vehicle.VehicleState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the vehicle's signals to {@code vehicles/<thing>/telemetry} as JSON: at most once per {@code interval}
 * when they changed, and at least once per {@code heartbeat}. While offline, messages wait in a bounded buffer;
 * when it is full the oldest is dropped and counted. The ticks run on a scheduler ({@code telemetry-<thing>}, or
 * one shared by a simulated fleet), one at a time; {@link #stateChanged} and the connection callbacks only set flags
 * and never block.
 */
public final class TelemetryPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final TelemetrySink sink;
    private final Clock clock;
    private final Duration heartbeat;
    private final int bufferCapacity;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final ScheduledFuture<?> ticks;
    private final AtomicReference<VehicleState> latest = new AtomicReference<>();
    private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean connected;
    private VehicleState lastPublished;
    private long lastPublishedAtMillis;

    public TelemetryPublisher(String thing, TelemetrySink sink, Clock clock, Duration interval, Duration heartbeat,
                              int bufferCapacity) {
        this(thing, sink, clock, interval, heartbeat, bufferCapacity, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "telemetry-" + thing);
            thread.setDaemon(true);
            return thread;
        }), true);
    }

    /** A publisher whose ticks run on {@code scheduler}, shared with others; {@link #close()} leaves it running. */
    public TelemetryPublisher(String thing, TelemetrySink sink, Clock clock, Duration interval, Duration heartbeat,
                              int bufferCapacity, ScheduledExecutorService scheduler) {
        this(thing, sink, clock, interval, heartbeat, bufferCapacity, scheduler, false);
    }

    private TelemetryPublisher(String thing, TelemetrySink sink, Clock clock, Duration interval, Duration heartbeat,
                               int bufferCapacity, ScheduledExecutorService scheduler, boolean ownScheduler) {
        this.topic = "vehicles/" + thing + "/telemetry";
        this.sink = sink;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.bufferCapacity = bufferCapacity;
        this.scheduler = scheduler;
        this.ownScheduler = ownScheduler;
        this.ticks = scheduler.scheduleAtFixedRate(this::tick, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public String topic() {
        return topic;
    }

    /** Any thread: remembers the newest state for the next tick. */
    public void stateChanged(VehicleState state) {
        latest.set(state);
    }

    public void connected() {
        connected = true;
    }

    public void disconnected() {
        connected = false;
    }

    public long droppedCount() {
        return dropped.get();
    }

    public long publishedCount() {
        return published.get();
    }

    private void tick() {
        VehicleState state = latest.get();
        long now = clock.millis();
        if (state != null && (!state.equals(lastPublished) || now - lastPublishedAtMillis >= heartbeat.toMillis())) {
            enqueue(message(state, now));
            lastPublished = state;
            lastPublishedAtMillis = now;
        }
        if (connected) {
            flush();
        }
    }

    private void enqueue(byte[] message) {
        if (buffer.size() >= bufferCapacity) {
            buffer.pollFirst();
            dropped.incrementAndGet();
        }
        buffer.addLast(message);
    }

    private void flush() {
        while (!buffer.isEmpty() && connected) {
            byte[] message = buffer.pollFirst();
            sink.publish(topic, message).whenComplete((acknowledged, failure) -> {
                if (failure == null && Boolean.TRUE.equals(acknowledged)) {
                    published.incrementAndGet();
                } else {
                    dropped.incrementAndGet();
                }
            });
        }
    }

    private byte[] message(VehicleState state, long nowMillis) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ts", nowMillis);
        message.put("signals", state.toNested());
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("telemetry of plain values must serialize", e);
        }
    }

    @Override
    public void close() {
        ticks.cancel(false);
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
    }
}
