package io.fleet.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.agent.AgentConfig;
import io.fleet.agent.ShadowOverHttp;
import io.fleet.agent.TestAgents;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.cloud.config.BrokerPersistence;
import io.fleet.cloud.config.TestConfig;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker and shadow service stop in the middle of a command and come back: the command finishes offline, the
 * agent reconnects with backoff, reports what happened meanwhile (coalesced) and acts on new deltas again.
 */
@ExtendWith(CloudServiceExtension.class)
class CloudRestartIT {

    private static final String THING = "restart-car-1";

    @TempDir
    Path journal;

    @Test
    void aCommandRunningWhileTheCloudRestartsConvergesAndOfflineChangesAreReported(RunningCloud cloud)
            throws Exception {
        commandRunningWhileTheCloudRestarts(cloud);
    }

    /**
     * The default keeps the broker's sessions in memory, so after the restart the agent's session is gone and it must
     * subscribe its delta stream and update answers again by itself (the test above). With file persistence the
     * broker keeps the session and its subscriptions instead; the agent converges the same way.
     */
    @Test
    void theSameWithTheBrokersSessionsKeptOnDisk() throws Exception {
        try (RunningCloud cloud = RunningCloud.start(c -> c.withMqtt(TestConfig.mqtt().port(0)
                .brokerPersistence(BrokerPersistence.FILE).build()))) {
            commandRunningWhileTheCloudRestarts(cloud);
        }
    }

    private void commandRunningWhileTheCloudRestarts(RunningCloud cloud) throws Exception {
        CertificateAndKey identity = cloud.certificates().thing(THING);
        AgentConfig config = TestAgents.builder(cloud, journal.getParent(), THING, identity).journalDir(journal)
                .travel(Duration.ofMillis(1500), Duration.ofMillis(20)).commandTimeout(Duration.ofSeconds(10))
                .telemetryInterval(null).build();
        SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(), new SimulationSettings(
                Duration.ofMillis(1500), Duration.ofMillis(20), Duration.ofMillis(2), List.of(), Set.of()));
        try (DeviceAgent agent = DeviceAgent.start(config, car, Clock.systemUTC())) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(30),
                    s -> s.at("/state/reported/windows/fl").isInt());
            ShadowOverHttp.setDesired(cloud, THING, "{\"windows\":{\"fl\":\"down\"}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.journalState().inFlight() != null);
            cloud.restart(); // takes longer than the window's travel: the command ends while offline
            car.actuate(new Command("headlights", "on", "on")).get(5, TimeUnit.SECONDS); // changed by the driver

            JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(30),
                    s -> s.at("/state/reported/windows/fl").asInt() == 100
                    && s.at("/state/reported/headlights").asText().equals("on"));
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("SUCCEEDED");
            assertThat(shadow.at("/state/reported/lastCommand/attribute").asText()).isEqualTo("windows.fl");

            ShadowOverHttp.setDesired(cloud, THING, "{\"trunk\":\"open\"}");
            ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(30),
                    s -> s.at("/state/reported/trunk").asText().equals("open")
                    && s.at("/state/reported/lastCommand/attribute").asText().equals("trunk"));
            assertThat(agent.metrics().reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(agent.metrics().offlineSeconds()).as("the cloud was away for its restart").isGreaterThan(1);
        }
    }

}
