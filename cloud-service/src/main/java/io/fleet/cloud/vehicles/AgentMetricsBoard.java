package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest counters each vehicle's agent published to {@code vehicles/<vin>/metrics} (connected, reconnects,
 * offlineSeconds, commands by outcome, telemetry published/dropped). Counters only grow, so the newest message is
 * all there is to keep; it lives in memory and is back within one metrics interval after a service restart.
 *
 * <p>Threads: written by the vehicle-events thread, read by API threads.
 */
public final class AgentMetricsBoard {

    private final Map<String, ObjectNode> latest = new ConcurrentHashMap<>();
    private final AtomicLong stale = new AtomicLong();

    /** Keeps {@code metrics} unless an already kept message is newer (by its {@code ts}), which it counts. */
    void record(String vehicle, ObjectNode metrics) {
        latest.merge(vehicle, metrics, (kept, next) -> {
            if (next.path("ts").asLong(0) >= kept.path("ts").asLong(0)) {
                return next;
            }
            stale.incrementAndGet();
            return kept;
        });
    }

    /**
     * Messages left out because the kept one was newer: one delayed past a newer one (QoS 0, a reconnect in
     * between), or sent by an agent whose clock went back.
     */
    long staleMessages() {
        return stale.get();
    }

    Optional<ObjectNode> latest(String vehicle) {
        return Optional.ofNullable(latest.get(vehicle));
    }
}
