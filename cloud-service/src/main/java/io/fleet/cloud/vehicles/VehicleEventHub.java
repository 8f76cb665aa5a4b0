package io.fleet.cloud.vehicles;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans a vehicle's events out to this instance's listeners (event streams) and completes waiters for a command's
 * final status (Alexa). Listeners run on the publishing thread and must not block.
 */
final class VehicleEventHub {

    private static final Logger LOG = LoggerFactory.getLogger(VehicleEventHub.class);

    private final Map<String, List<Consumer<VehicleEvent>>> listeners = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<VehicleCommand>> finals = new ConcurrentHashMap<>();

    AutoCloseable subscribe(String vehicle, Consumer<VehicleEvent> listener) {
        listeners.computeIfAbsent(vehicle, v -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(vehicle, (v, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Completes when {@link #publish} sees the command reach a final status; the caller removes it on timeout. */
    CompletableFuture<VehicleCommand> whenFinal(UUID command) {
        return finals.computeIfAbsent(command, id -> new CompletableFuture<>());
    }

    void forget(UUID command) {
        finals.remove(command);
    }

    void publish(VehicleEvent event) {
        if (event instanceof VehicleEvent.CommandChanged changed && changed.command().status().isFinal()) {
            CompletableFuture<VehicleCommand> waiter = finals.remove(changed.command().id());
            if (waiter != null) {
                waiter.complete(changed.command());
            }
        }
        for (Consumer<VehicleEvent> listener : listeners.getOrDefault(event.vehicle(), List.of())) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener of {} failed: {}", event.vehicle(), e.toString());
            }
        }
    }
}
