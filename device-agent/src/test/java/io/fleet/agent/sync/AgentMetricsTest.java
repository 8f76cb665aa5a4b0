package io.fleet.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.AdjustableClock;
import io.fleet.model.vehicle.CommandStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private final AdjustableClock clock = AdjustableClock.standingStill();
    private final AgentMetrics metrics = new AgentMetrics(clock);

    @Test
    void offlineSecondsCountFromTheStartAndEveryLostConnectionUntilTheNextConnect() {
        clock.advance(Duration.ofMillis(1500));
        assertThat(metrics.offlineSeconds()).as("still connecting").isEqualTo(1.5);
        metrics.connectionSucceeded();
        clock.advance(Duration.ofSeconds(60));
        assertThat(metrics.offlineSeconds()).as("online time does not count").isEqualTo(1.5);

        metrics.connectionLost();
        clock.advance(Duration.ofSeconds(4));
        metrics.connectionLost(); // a second callback for the same outage starts nothing new
        clock.advance(Duration.ofSeconds(6));
        assertThat(metrics.offlineSeconds()).as("the current outage counts while it lasts").isEqualTo(11.5);
        metrics.connectionSucceeded();
        clock.advance(Duration.ofSeconds(30));

        assertThat(metrics.offlineSeconds()).isEqualTo(11.5);
        assertThat(metrics.reconnects()).isEqualTo(1);
        assertThat(metrics.connected()).isTrue();
    }

    @Test
    void snapshotHoldsEveryCounterByName() {
        metrics.connectionSucceeded();
        metrics.commandFinished(CommandStatus.SUCCEEDED);
        metrics.commandFinished(CommandStatus.SUCCEEDED);
        metrics.commandFinished(CommandStatus.REJECTED);

        Map<String, Object> snapshot = metrics.snapshot();

        assertThat(snapshot).containsEntry("connected", true).containsEntry("reconnects", 0L)
                .containsEntry("offlineSeconds", 0.0);
        assertThat(snapshot.get("commands")).isEqualTo(Map.of("SUCCEEDED", 2L, "REJECTED", 1L, "FAILED", 0L,
                "TIMED_OUT", 0L, "EXPIRED", 0L));
        assertThat(metrics.commands()).isEqualTo(3);
    }
}
