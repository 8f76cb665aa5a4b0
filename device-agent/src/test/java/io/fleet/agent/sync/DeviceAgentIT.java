package io.fleet.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.agent.AgentConfig;
import io.fleet.agent.ShadowOverHttp;
import io.fleet.agent.TestAgents;
import io.fleet.agent.ecu.CountingEcu;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;

/**
 * The agent against the real cloud service (embedded HiveMQ with mTLS, shadow service, HTTP API): desired state
 * written over HTTP, as the app does, reaches the agent through the AWS IoT Device SDK and comes back as reported.
 */
@ExtendWith(CloudServiceExtension.class)
class DeviceAgentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path journals;

    @Test
    void desiredStateSetOverHttpIsExecutedAndReported(RunningCloud cloud) throws Exception {
        CountingEcu ecu = new CountingEcu(simulatedCar(VehicleState.parked()));
        try (DeviceAgent agent = startAgent(cloud, "agent-it-1", ecu)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            ShadowOverHttp.awaitShadow(cloud, "agent-it-1", Duration.ofSeconds(15),
                    s -> s.at("/state/reported/trunk").asText().equals("closed"));
            ShadowOverHttp.setDesired(cloud, "agent-it-1", "{\"trunk\":\"open\",\"windows\":{\"fl\":\"down\"}}");
            JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, "agent-it-1", Duration.ofSeconds(15),
                    s -> s.at("/state/reported/windows/fl").asInt() == 100
                            && s.at("/state/reported/trunk").asText().equals("open")
                            && s.at("/state/desired/windows/fl").isNumber());
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("SUCCEEDED");
            assertThat(shadow.at("/state/delta").isMissingNode()).as("nothing left to do").isTrue();
            // PUBACK success on vehicles/<thing>/telemetry
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.telemetry().publishedCount() > 0);
        }
    }

    @Test
    void interlockRejectsWithAReasonAndTheCarStaysAsItWas(RunningCloud cloud) throws Exception {
        CountingEcu ecu = new CountingEcu(simulatedCar(VehicleState.parked().with("lock", "locked")));
        try (DeviceAgent agent = startAgent(cloud, "agent-it-2", ecu)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            ShadowOverHttp.awaitShadow(cloud, "agent-it-2", Duration.ofSeconds(15),
                    s -> s.at("/state/reported/lock").asText().equals("locked"));
            ShadowOverHttp.setDesired(cloud, "agent-it-2", "{\"trunk\":\"open\"}");
            JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, "agent-it-2", Duration.ofSeconds(15),
                    s -> ShadowOverHttp.outcomeOf(s, "trunk"));
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("REJECTED");
            assertThat(shadow.at("/state/reported/lastCommand/reason").asText()).contains("locked");
            assertThat(shadow.at("/state/reported/trunk").asText()).isEqualTo("closed");

            ShadowOverHttp.setDesired(cloud, "agent-it-2", "{\"climate\":{\"target\":45}}");
            shadow = ShadowOverHttp.awaitShadow(cloud, "agent-it-2", Duration.ofSeconds(15),
                    s -> ShadowOverHttp.outcomeOf(s, "climate.target"));
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("REJECTED");
            assertThat(ecu.actuated()).isEmpty();

            ShadowOverHttp.setDesired(cloud, "agent-it-2", "{\"headlights\":\"on\"}");
            shadow = ShadowOverHttp.awaitShadow(cloud, "agent-it-2", Duration.ofSeconds(15),
                    s -> ShadowOverHttp.outcomeOf(s, "headlights"));
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("SUCCEEDED");
            assertThat(shadow.at("/state/reported/lastCommand/reason").isMissingNode())
                    .as("the earlier rejection's reason is gone").isTrue();
            assertThat(shadow.at("/state/desired/climate/target").asInt()).as("desired left untouched").isEqualTo(45);
        }
    }

    @Test
    void aRestartedAgentReportsTheTrueStateAndDoesNotRepeatACommand(RunningCloud cloud) throws Exception {
        CountingEcu firstRun = new CountingEcu(simulatedCar(VehicleState.parked()));
        try (DeviceAgent agent = startAgent(cloud, "agent-it-3", firstRun)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            ShadowOverHttp.awaitShadow(cloud, "agent-it-3", Duration.ofSeconds(15),
                    s -> s.at("/state/reported/windows/fl").asInt() == 0);
            ShadowOverHttp.setDesired(cloud, "agent-it-3", "{\"windows\":{\"fl\":\"down\"}}");
            ShadowOverHttp.awaitShadow(cloud, "agent-it-3", Duration.ofSeconds(15),
                    s -> s.at("/state/reported/windows/fl").asInt() == 100
                    && s.at("/state/desired/windows/fl").isNumber());
            await().atMost(Duration.ofSeconds(15)).until(
                    () -> AppliedDesired.sameValue(agent.journalState().applied().get("windows.fl").value(), 100));
        }
        assertThat(firstRun.actuated()).extracting(Command::path).containsExactly("windows.fl");

        // While the agent was off, the driver closed the window by hand: desired "down" is now a delta again,
        // but it is the same desired change, already executed once, so it must not run again.
        SimulatedVehicle car = simulatedCar(VehicleState.parked());
        car.actuate(new Command("windows.fl", 0, "up")).get(5, TimeUnit.SECONDS);
        // A horn flash desired while the agent is off reaches it only with the shadow it reads on connect, together
        // with the window; a second one, desired once the first is done, reaches it after that read.
        ShadowOverHttp.setDesired(cloud, "agent-it-3", "{\"horn_flash\":\"while-off\"}");
        CountingEcu secondRun = new CountingEcu(car);
        try (DeviceAgent agent = startAgent(cloud, "agent-it-3", secondRun)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, "agent-it-3", Duration.ofSeconds(15),
                    s -> s.at("/state/reported/windows/fl").asInt(-1) == 0);
            assertThat(shadow.at("/state/delta/windows/fl").asInt())
                    .as("the agent rewrote desired \"down\" to 100 after the first run").isEqualTo(100);
            await().atMost(Duration.ofSeconds(15)).until(() -> actuatedValue(secondRun, "while-off"));
            ShadowOverHttp.setDesired(cloud, "agent-it-3", "{\"horn_flash\":\"after-the-read\"}");
            await().atMost(Duration.ofSeconds(15)).until(() -> actuatedValue(secondRun, "after-the-read"));
            assertThat(secondRun.actuated()).extracting(Command::value).as("no repeated execution of the window")
                    .containsExactly("while-off", "after-the-read");
        }
    }

    @Test
    void anAgentWithAnotherCarsCertificateCanNeitherReadNorWriteThisCarsShadow(RunningCloud cloud) throws Exception {
        CertificateAndKey otherCar = cloud.certificates().thing("agent-it-other");
        AgentConfig config = config(cloud, "agent-it-4", otherCar);
        try (DeviceAgent agent = DeviceAgent.start(config, simulatedCar(VehicleState.parked()), Clock.systemUTC())) {
            assertThatThrownBy(() -> agent.firstConnection().get(3, TimeUnit.SECONDS))
                    .as("client id agent-it-4 does not match the certificate CN agent-it-other")
                    .isInstanceOf(TimeoutException.class);
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(cloud.httpBase() + "/things/agent-it-4/shadow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("nothing was written").isEqualTo(404);
    }

    @Test
    void countersArePublishedToTheMetricsTopic(RunningCloud cloud) throws Exception {
        String thing = "agent-it-metrics";
        AgentConfig config = TestAgents.builder(cloud, journals, thing, cloud.certificates().thing(thing))
                .metricsInterval(Duration.ofMillis(200)).build();
        try (AwsDeviceClient operator = AwsDeviceClient.start(cloud.mqttHost(), cloud.mqttPort(),
                cloud.certificates().caCertificate(), cloud.certificates().service(), "fleet-service-metrics-it");
             DeviceAgent agent = DeviceAgent.start(config, simulatedCar(VehicleState.parked()), Clock.systemUTC())) {
            operator.awaitConnected();
            operator.subscribe("vehicles/" + thing + "/metrics");
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            ShadowOverHttp.setDesired(cloud, thing, "{\"trunk\":\"open\"}");
            ShadowOverHttp.awaitShadow(cloud, thing, Duration.ofSeconds(15),
                    s -> s.at("/state/reported/lastCommand/status").asText().equals("SUCCEEDED"));

            JsonNode metrics = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (metrics == null || metrics.at("/commands/SUCCEEDED").asLong() < 1) {
                assertThat(System.nanoTime()).as("a metrics message counting the command within 15 s")
                        .isLessThan(deadline);
                PublishPacket message = operator.nextMessage(Duration.ofSeconds(1));
                metrics = message == null ? metrics : JSON.readTree(message.getPayload());
            }
            assertThat(metrics.get("connected").asBoolean()).isTrue();
            assertThat(metrics.get("reconnects").asLong()).isZero();
            assertThat(metrics.get("offlineSeconds").asDouble()).as("the first connect took a moment").isPositive();
            assertThat(metrics.at("/commands/REJECTED").asLong()).isZero();
            assertThat(metrics.at("/telemetry/dropped").isNumber()).isTrue();
        }
    }

    private DeviceAgent startAgent(RunningCloud cloud, String thing, CountingEcu ecu) throws Exception {
        return TestAgents.start(cloud, journals, thing, ecu);
    }

    private AgentConfig config(RunningCloud cloud, String thing, CertificateAndKey identity) {
        return TestAgents.config(cloud, journals, thing, identity);
    }

    private static boolean actuatedValue(CountingEcu ecu, Object value) {
        return ecu.actuated().stream().anyMatch(command -> value.equals(command.value()));
    }

    private static SimulatedVehicle simulatedCar(VehicleState initial) {
        return TestAgents.simulatedCar(initial);
    }
}
