package io.fleet.agent.ecu;

import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A vehicle simulated in memory. All state changes run on one scheduler thread ({@code sim-vehicle}, or a
 * single-thread scheduler shared by a simulated fleet), so the state needs no locks beyond a volatile read;
 * listeners are called on that thread.
 */
public final class SimulatedVehicle implements EcuAdapter {

    private final SimulationSettings settings;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final List<ScheduledFuture<?>> driveSteps = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private final List<Consumer<VehicleState>> listeners = new CopyOnWriteArrayList<>();
    private volatile VehicleState state;

    public SimulatedVehicle(VehicleState initial, SimulationSettings settings) {
        this(initial, settings, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sim-vehicle");
            thread.setDaemon(true);
            return thread;
        }), true);
    }

    /**
     * A vehicle on a scheduler shared with others (a simulated fleet), which {@link #close()} leaves running.
     *
     * @param scheduler must run one task at a time (a single-thread scheduler): the state relies on it
     */
    public SimulatedVehicle(VehicleState initial, SimulationSettings settings, ScheduledExecutorService scheduler) {
        this(initial, settings, scheduler, false);
    }

    private SimulatedVehicle(VehicleState initial, SimulationSettings settings, ScheduledExecutorService scheduler,
                             boolean ownScheduler) {
        this.state = initial;
        this.settings = settings;
        this.scheduler = scheduler;
        this.ownScheduler = ownScheduler;
        scheduleDriveProfile();
    }

    private void scheduleDriveProfile() {
        Duration at = Duration.ZERO;
        for (SimulationSettings.SpeedStep step : settings.driveProfile()) {
            int speed = step.speedKmh();
            driveSteps.add(scheduler.schedule(() -> change(state.with("speed", speed).with("ignition", speed > 0
                    ? "on" : state.get("ignition"))), at.toNanos(), TimeUnit.NANOSECONDS));
            at = at.plus(step.duration());
        }
    }

    @Override
    public VehicleState state() {
        return state;
    }

    @Override
    public CompletableFuture<VehicleState> actuate(Command command) {
        CompletableFuture<VehicleState> done = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> finish(command, done), actuationTime(command).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException rejected) {
            done.completeExceptionally(new ActuationException("the simulated vehicle is shut down"));
        }
        return done;
    }

    private void finish(Command command, CompletableFuture<VehicleState> done) {
        if (closed) {
            done.completeExceptionally(new ActuationException("the simulated vehicle is shut down"));
            return;
        }
        if (settings.failingPaths().contains(command.path())) {
            done.completeExceptionally(new ActuationException("simulated ECU fault on " + command.path()));
            return;
        }
        if ("horn_flash".equals(command.path())) {
            // Momentary: the horn sounds and stops; the request is acknowledged by reporting it back.
            change(state.with("horn_flash", command.value()));
        } else {
            change(state.with(command.path(), command.value()));
        }
        done.complete(state);
    }

    /** Time for the actuator's travel: windows in proportion to the distance moved. */
    Duration actuationTime(Command command) {
        if (command.path().startsWith("windows.") && command.value() instanceof Integer) {
            Object now = state.get(command.path());
            int from = now instanceof Number ? ((Number) now).intValue() : 0;
            int distance = Math.abs((Integer) command.value() - from);
            return settings.windowFullTravel().multipliedBy(distance).dividedBy(100);
        }
        if ("trunk".equals(command.path())) {
            return settings.trunkTravel();
        }
        return settings.otherActuation();
    }

    private void change(VehicleState next) {
        if (next.equals(state)) {
            return;
        }
        state = next;
        listeners.forEach(listener -> listener.accept(next));
    }

    @Override
    public void onStateChange(Consumer<VehicleState> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        if (ownScheduler) {
            scheduler.shutdownNow();
        } else {
            driveSteps.forEach(step -> step.cancel(false));
        }
    }
}
