package io.fleet.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.vehicle.VehicleState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();
    private final TelemetrySink sink = (topic, payload) -> {
        assertThat(topic).isEqualTo("vehicles/tel-car/telemetry");
        sent.add(payload);
        return CompletableFuture.completedFuture(true);
    };
    /** The publishers' ticks: one thread, so a task scheduled on it runs after every tick due before it. */
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTicks() {
        ticks.shutdownNow();
    }

    @Test
    void publishesOnChangeOnlyWhenSomethingChanged() throws Exception {
        try (TelemetryPublisher telemetry = new TelemetryPublisher("tel-car", sink, Clock.systemUTC(),
                Duration.ofMillis(10), Duration.ofHours(1), 10, ticks)) {
            telemetry.connected();
            telemetry.stateChanged(VehicleState.parked());
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
            ticksPassed(Duration.ofMillis(10), 5);
            assertThat(sent).as("four ticks or more without a change").hasSize(1);
            telemetry.stateChanged(VehicleState.parked().with("speed", 42));
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2);
            JsonNode message = JSON.readTree(sent.get(1));
            assertThat(message.at("/signals/speed").asInt()).isEqualTo(42);
            assertThat(message.get("ts").asLong()).isPositive();
            assertThat(telemetry.publishedCount()).isEqualTo(2);
        }
    }

    @Test
    void offlineBufferKeepsTheNewestAndCountsWhatItDropped() throws Exception {
        try (TelemetryPublisher telemetry = new TelemetryPublisher("tel-car", sink, Clock.systemUTC(),
                Duration.ofMillis(5), Duration.ofHours(1), 3, ticks)) {
            for (int speed = 1; speed <= 6; speed++) {
                telemetry.stateChanged(VehicleState.parked().with("speed", speed));
                ticksPassed(Duration.ofMillis(5), 3); // a tick or more per change, however busy the machine
            }
            assertThat(sent).isEmpty();
            telemetry.connected();
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 3);
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
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() >= 3);
        }
    }

    /**
     * Returns once at least {@code count - 1} ticks after this call have run: a task {@code count} intervals ahead on
     * the ticks' single thread runs only after every tick due before it, however late the thread is.
     */
    private void ticksPassed(Duration interval, int count) throws Exception {
        ticks.schedule(() -> null, interval.toMillis() * count, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    }
}
