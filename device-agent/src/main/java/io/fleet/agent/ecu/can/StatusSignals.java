package io.fleet.agent.ecu.can;

import io.fleet.model.can.dbc.SignalValue;
import io.fleet.model.vehicle.VehicleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which shadow leaves each status message carries, and a decoded status frame applied to a state. Immutable. */
final class StatusSignals {

    private final Map<String, List<SignalBinding>> bindingsByMessage = new HashMap<>();

    StatusSignals(CanSignalMap map) {
        for (SignalBinding binding : map.bindings()) {
            binding.statusSignal().ifPresent(ref -> bindingsByMessage
                    .computeIfAbsent(ref.message(), m -> new ArrayList<>()).add(binding));
        }
    }

    /** Names of the messages that carry status, in no particular order. */
    List<String> messages() {
        return List.copyOf(bindingsByMessage.keySet());
    }

    List<SignalBinding> bindingsOf(String message) {
        return bindingsByMessage.getOrDefault(message, List.of());
    }

    /** {@code state} with every leaf the frame of {@code message} carries a value for ("SNA" changes nothing). */
    VehicleState apply(VehicleState state, String message, Map<String, SignalValue> values) {
        VehicleState next = state;
        for (SignalBinding binding : bindingsOf(message)) {
            SignalValue value = values.get(binding.status().signal());
            Optional<Object> shadow = value == null ? Optional.empty() : binding.statusValues().toShadow(value);
            if (shadow.isPresent()) {
                next = next.with(binding.path(), shadow.get());
            }
        }
        return next;
    }
}
