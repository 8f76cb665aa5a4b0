package io.fleet.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.AdjustableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsReporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();
    private final TelemetrySink sink = (topic, payload) -> {
        assertThat(topic).isEqualTo("vehicles/met-car/metrics");
        sent.add(payload);
        return CompletableFuture.completedFuture(true);
    };
    private final AtomicBoolean connected = new AtomicBoolean();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void publishesTheCountersWithATimestampOnlyWhileConnected() throws Exception {
        AdjustableClock clock = AdjustableClock.standingStill();
        try (MetricsReporter reporter = new MetricsReporter("met-car", () -> Map.of("reconnects", 2L,
                "commands", Map.of("SUCCEEDED", 5L)), sink, connected::get, clock, Duration.ZERO, true, timers)) {
            reporter.report();
            assertThat(sent).as("offline: cumulative counters, the next message carries them").isEmpty();

            connected.set(true);
            reporter.report();

            assertThat(sent).hasSize(1);
            JsonNode message = JSON.readTree(sent.get(0));
            assertThat(message.get("ts").asLong()).isEqualTo(clock.millis());
            assertThat(message.get("reconnects").asLong()).isEqualTo(2);
            assertThat(message.at("/commands/SUCCEEDED").asLong()).isEqualTo(5);
        }
    }

    @Test
    void reportsOnItsIntervalUntilClosed() throws Exception {
        connected.set(true);
        MetricsReporter reporter = new MetricsReporter("met-car", Map::of, sink, connected::get,
                AdjustableClock.standingStill(), Duration.ofMillis(20), false, timers);
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() >= 3);
        reporter.close();
        timers.submit(() -> null).get(10, TimeUnit.SECONDS); // a report under way during close() has ended
        int afterClose = sent.size();
        // the timers' one thread runs this only after every report due before it: four or more, had close() not
        // stopped them
        timers.schedule(() -> null, 100, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);

        assertThat(afterClose).isGreaterThanOrEqualTo(3);
        assertThat(sent).hasSize(afterClose);
    }
}
