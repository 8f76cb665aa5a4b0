package io.fleet.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.vehicle.VehicleState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TelemetryPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();
    private final TelemetrySink sink = (topic, payload) -> {
        assertThat(topic).isEqualTo("vehicles/tel-car/telemetry");
        sent.add(payload);
        return CompletableFuture.completedFuture(true);
    };

    @Test
    void publishesOnChangeOnlyWhenSomethingChanged() throws Exception {
        try (TelemetryPublisher telemetry = new TelemetryPublisher("tel-car", sink, Clock.systemUTC(),
                Duration.ofMillis(10), Duration.ofHours(1), 10)) {
            telemetry.connected();
            telemetry.stateChanged(VehicleState.parked());
            await(() -> sent.size() == 1);
            Thread.sleep(100);
            assertThat(sent).hasSize(1);
            telemetry.stateChanged(VehicleState.parked().with("speed", 42));
            await(() -> sent.size() == 2);
            JsonNode message = JSON.readTree(sent.get(1));
            assertThat(message.at("/signals/speed").asInt()).isEqualTo(42);
            assertThat(message.get("ts").asLong()).isPositive();
            assertThat(telemetry.publishedCount()).isEqualTo(2);
        }
    }

    @Test
    void offlineBufferKeepsTheNewestAndCountsWhatItDropped() throws Exception {
        try (TelemetryPublisher telemetry = new TelemetryPublisher("tel-car", sink, Clock.systemUTC(),
                Duration.ofMillis(5), Duration.ofHours(1), 3)) {
            for (int speed = 1; speed <= 6; speed++) {
                telemetry.stateChanged(VehicleState.parked().with("speed", speed));
                Thread.sleep(100); // several ticks per change, even on a busy machine
            }
            assertThat(sent).isEmpty();
            telemetry.connected();
            await(() -> sent.size() == 3);
            assertThat(JSON.readTree(sent.get(2)).at("/signals/speed").asInt()).isEqualTo(6);
            assertThat(telemetry.droppedCount()).isEqualTo(3);
        }
    }

    @Test
    void heartbeatRepeatsAnUnchangedState() throws Exception {
        try (TelemetryPublisher telemetry = new TelemetryPublisher("tel-car", sink, Clock.systemUTC(),
                Duration.ofMillis(10), Duration.ofMillis(50), 10)) {
            telemetry.connected();
            telemetry.stateChanged(VehicleState.parked());
            await(() -> sent.size() >= 3);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
    }
}
