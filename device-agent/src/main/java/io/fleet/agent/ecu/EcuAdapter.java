package io.fleet.agent.ecu;

import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The agent's view of the vehicle's ECUs: the simulated vehicle here, a CAN bus through a DBC elsewhere.
 * Implementations are thread-safe; listeners run on the adapter's own thread and must not block.
 */
public interface EcuAdapter extends AutoCloseable {

    /** The vehicle's real state now. */
    VehicleState state();

    /**
     * Starts actuating an already validated, interlock-checked command. Completes when the ECU confirms the new
     * state, or exceptionally with {@link ActuationException} when the ECU reports a failure. Never throws.
     */
    CompletableFuture<VehicleState> actuate(Command command);

    /** Called with the new state on every change of the vehicle's real state (actuation progress, speed...). */
    void onStateChange(Consumer<VehicleState> listener);

    @Override
    void close();
}
