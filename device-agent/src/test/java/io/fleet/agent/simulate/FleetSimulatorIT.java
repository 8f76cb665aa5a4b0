package io.fleet.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.agent.AgentMain;
import io.fleet.agent.ShadowOverHttp;
import io.fleet.agent.TestAgents;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.CertificateAndKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The fleet simulator against the real cloud service: 20 agents in this JVM, each with a certificate issued
 * in-process by {@link ThingCertificates}, its own connection and journal; commands written over the HTTP shadow
 * API reach exactly the vehicles they were written for.
 */
@ExtendWith(CloudServiceExtension.class)
class FleetSimulatorIT {

    private static final int VEHICLES = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path journals;

    @Test
    void everyVehicleConnectsWithItsOwnCertificateAndExecutesOnlyItsOwnCommands(RunningCloud cloud)
            throws Exception {
        ThingCertificates certificates = ThingCertificates.open(cloud.certificates().dir());
        List<String> things = IntStream.rangeClosed(1, VEHICLES).mapToObj(i -> "fleet-it-" + i).toList();
        try (FleetSimulator fleet = new FleetSimulator(VEHICLES)) {
            fleet.start(things, thing -> TestAgents.config(cloud, journals, thing, identity(certificates, thing)),
                    SimulationSettings.fast(), 4);
            assertThat(fleet.status().started()).isEqualTo(VEHICLES);
            assertThat(fleet.status().connected()).isEqualTo(VEHICLES);

            List<String> commanded = List.of("fleet-it-1", "fleet-it-7", "fleet-it-13", "fleet-it-20");
            for (String thing : commanded) {
                ShadowOverHttp.setDesired(cloud, thing, "{\"trunk\":\"open\"}");
            }
            for (String thing : commanded) {
                JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, thing, WAIT,
                        s -> s.at("/state/reported/trunk").asText().equals("open"));
                assertThat(shadow.at("/state/reported/lastCommand/status").asText()).isEqualTo("SUCCEEDED");
            }
            List<String> others = new ArrayList<>(things);
            others.removeAll(commanded);
            for (String thing : others) {
                assertThat(ShadowOverHttp.awaitShadow(cloud, thing, WAIT,
                        s -> s.at("/state/reported/trunk").isTextual()).at("/state/reported/trunk").asText())
                        .as(thing).isEqualTo("closed");
            }
            assertThat(fleet.status().commands()).isEqualTo(commanded.size());
            assertThat(fleet.status().reconnects()).isZero();
        }
    }

    @Test
    void theSimulateCommandPrintsItsStatusAndStopsCleanly(RunningCloud cloud) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new AgentMain()).setOut(new PrintWriter(out, true));
        int exit = cli.execute("simulate", "--vehicles", "3", "--prefix", "fleet-cli-",
                "--endpoint", cloud.mqttHost(), "--port", String.valueOf(cloud.mqttPort()),
                "--certs-dir", cloud.certificates().dir().toString(), "--journal-dir", journals.toString(),
                "--duration-s", "2", "--status-interval-s", "1", "--instant");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("certificates: 3 in").contains("all 3 agents started")
                .contains("3/3 started, 3 connected, 0 commands, 0 reconnects");
        assertThat(journals.resolve("fleet-cli-3")).isDirectory();
    }

    private static CertificateAndKey identity(ThingCertificates certificates, String thing) {
        try {
            return CertificateAndKey.inFolder(certificates.forThing(thing).certificate().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
