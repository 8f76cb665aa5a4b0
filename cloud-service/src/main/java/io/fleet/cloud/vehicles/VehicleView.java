package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A vehicle as the app API, console and Alexa see it: connectivity from the broker's presence events, and its
 * classic shadow ({@code state.desired/reported/delta}, {@code metadata}, {@code version}, {@code timestamp}) when
 * it has one. {@code lastSeen} is epoch milliseconds of the last connect, disconnect or report. {@code agent} is the
 * newest counters message of the vehicle's agent ({@code vehicles/<vin>/metrics}), when one arrived.
 */
public record VehicleView(String vehicle, boolean online, Optional<Long> lastSeen, Optional<ObjectNode> shadow,
                          Optional<ObjectNode> agent) {

    public VehicleView {
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(agent, "agent");
    }

    public VehicleView(String vehicle, boolean online, Optional<Long> lastSeen, Optional<ObjectNode> shadow) {
        this(vehicle, online, lastSeen, shadow, Optional.empty());
    }

    /** {@code state.reported.<path>} e.g. {@code reported("trunk") -> "open"}. */
    public Optional<JsonNode> reported(String path) {
        return shadow.map(s -> s.at("/state/reported/" + path.replace('.', '/'))).filter(n -> !n.isMissingNode());
    }
}
