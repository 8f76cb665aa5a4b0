package io.fleet.agent.ecu;

import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test fixture: an ECU adapter that records every actuation the agent asks for and forwards it. */
public final class CountingEcu implements EcuAdapter {

    private final EcuAdapter delegate;
    private final List<Command> actuated = new CopyOnWriteArrayList<>();

    public CountingEcu(EcuAdapter delegate) {
        this.delegate = delegate;
    }

    public List<Command> actuated() {
        return List.copyOf(actuated);
    }

    public EcuAdapter delegate() {
        return delegate;
    }

    @Override
    public VehicleState state() {
        return delegate.state();
    }

    @Override
    public CompletableFuture<VehicleState> actuate(Command command) {
        actuated.add(command);
        return delegate.actuate(command);
    }

    @Override
    public void onStateChange(Consumer<VehicleState> listener) {
        delegate.onStateChange(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
