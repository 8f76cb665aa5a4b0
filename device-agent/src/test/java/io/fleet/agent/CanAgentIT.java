package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.agent.ecu.can.BodyControllerDbc;
import io.fleet.agent.ecu.can.CanSignalMap;
import io.fleet.agent.ecu.can.CannelloniCanTransport;
import io.fleet.agent.ecu.can.SimulatedBodyEcu;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.model.vehicle.VehicleState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with {@code adapter: can}: desired state over HTTP -> shadow delta -> agent -> CAN command over
 * cannelloni UDP -> simulated body controller -> status frames -> reported. The adapter is opened from the config,
 * as {@code device-agent run --adapter can} does.
 */
@ExtendWith(CloudServiceExtension.class)
class CanAgentIT {

    private static final String THING = "agent-can-it";

    @TempDir
    Path journal;

    @Test
    void commandsReachTheBodyControllerAndItsStatusIsReported(RunningCloud cloud) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int agentPort;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0))) {
            agentPort = ((InetSocketAddress) probe.getLocalAddress()).getPort(); // free a moment ago
        }
        CannelloniCanTransport ecuSide = CannelloniCanTransport.open(new InetSocketAddress(loopback, 0),
                new InetSocketAddress(loopback, agentPort), Thread::new);
        CertificateAndKey identity = cloud.certificates().thing(THING);
        AgentConfig config = TestAgents.builder(cloud, journal.getParent(), THING, identity).journalDir(journal)
                .adapter(AgentConfig.Adapter.CAN).travel(null, null)
                .can(CanConfig.builder().transport(CanConfig.Transport.CANNELLONI)
                        .gateway("127.0.0.1:" + ecuSide.localAddress().getPort()).localPort(agentPort).build())
                .build();

        try (SimulatedBodyEcu ecu = new SimulatedBodyEcu(BodyControllerDbc.bundled(), CanSignalMap.bodyController(),
                ecuSide, VehicleState.parked(), Duration.ofMillis(50), Set.of("headlights"), Clock.systemUTC(),
                Thread::new).start();
             DeviceAgent agent = DeviceAgent.start(config, EcuAdapters.open(config, VehicleState.parked(),
                     Clock.systemUTC()), Clock.systemUTC())) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);

            ShadowOverHttp.setDesired(cloud, THING, "{\"trunk\":\"open\",\"windows\":{\"fl\":\"down\"}}");
            JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(15),
                    s -> s.at("/state/reported/trunk").asText().equals("open")
                            && s.at("/state/reported/windows/fl").asInt() == 100);
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("SUCCEEDED");
            assertThat(ecu.state().get("trunk")).isEqualTo("open");

            ecu.set("speed", 30);
            ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(15),
                    s -> s.at("/state/reported/speed").asInt() == 30);
            ShadowOverHttp.setDesired(cloud, THING, "{\"doors\":{\"fl\":\"open\"}}");
            shadow = ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(15),
                    s -> ShadowOverHttp.outcomeOf(s, "doors.fl"));
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("REJECTED");
            assertThat(shadow.at("/state/reported/lastCommand/reason").asText()).contains("moving");

            ShadowOverHttp.setDesired(cloud, THING, "{\"headlights\":\"on\"}");
            shadow = ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(15),
                    s -> ShadowOverHttp.outcomeOf(s, "headlights"));
            assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("FAILED");
            assertThat(shadow.at("/state/reported/lastCommand/reason").asText())
                    .startsWith("the ECU answered Fault to headlights=on");
        }
    }
}
