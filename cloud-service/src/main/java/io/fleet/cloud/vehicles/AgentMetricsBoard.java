package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest counters each vehicle's agent published to {@code vehicles/<vin>/metrics} (connected, reconnects,
 * offlineSeconds, commands by outcome, telemetry published/dropped). Counters only grow, so the newest message is
 * all there is to keep; it lives in memory and is back within one metrics interval after a service restart.
 *
 * <p>Threads: written by the vehicle-events thread, read by API threads.
 */
public final class AgentMetricsBoard {

    private final Map<String, ObjectNode> latest = new ConcurrentHashMap<>();

    /** Keeps {@code metrics} unless an already kept message is newer (by its {@code ts}). */
    void record(String vehicle, ObjectNode metrics) {
        latest.merge(vehicle, metrics, (kept, next) ->
                next.path("ts").asLong(0) >= kept.path("ts").asLong(0) ? next : kept);
    }

    Optional<ObjectNode> latest(String vehicle) {
        return Optional.ofNullable(latest.get(vehicle));
    }
}
