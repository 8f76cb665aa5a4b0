package io.fleet.cloud.campaigns;

import static io.fleet.cloud.campaigns.CampaignTestCloud.allRuns;
import static io.fleet.cloud.campaigns.CampaignTestCloud.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.DevCertificates;
import io.fleet.cloud.crash.CloudProcess;
import io.fleet.cloud.registry.RegistryClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The real service in its own JVM, killed with SIGKILL together with its embedded PostgreSQL while a rig runs the
 * first of a campaign's two runs: after the restart the lease is still the rig's (its heartbeats go on), the run ends
 * with its verdict, the second run follows, and no run was leased twice.
 */
class CampaignCrashIT {

    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final String RIG = "crash-rig";

    @TempDir
    Path root;

    @Test
    void aServiceKilledMidRunLosesAndRepeatsNoLease() throws Exception {
        Path dataDir = root.resolve("data");
        DevCertificates certificates = DevCertificates.create(root.resolve("certs"));
        int httpPort = freePort();
        int mqttPort = freePort();
        Path config = root.resolve("cloud.yaml");
        Files.writeString(config, "campaigns: {leaseSeconds: 120, dispatchIntervalMillis: 200}\n",
                StandardCharsets.UTF_8);
        CloudProcess cloud = CloudProcess.start(dataDir, certificates.dir(), httpPort, mqttPort,
                root.resolve("cloud-1.log"), START_WAIT, "--config", config.toString());
        try (IotClient iot = RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback")) {
            iot.createThing(b -> b.thingName(RIG));
            AwsDeviceClient device = AwsDeviceClient.start("localhost", mqttPort, certificates.caCertificate(),
                    certificates.thing(RIG), RIG);
            device.awaitConnected();
            try (SimulatedRig rig = new SimulatedRig(device, RIG, List.of("can"), SimulatedRig.Behaviour.HOLD)) {
                AppApiClient admin = new AppApiClient(cloud.httpBase(),
                        Files.readString(dataDir.resolve("users").resolve("admin.token")).strip());
                long id = CampaignTestCloud.create(admin, "crash", runs(2, "crash"), 0, "[\"can\"]");
                assertThat(rig.nextDocument(CampaignTestCloud.WAIT.toSeconds())).as("the first run's job").isNotNull();
                CampaignTestCloud.await(admin, id, body -> body.path("runs").get(0).path("state").asText()
                        .equals("RUNNING"));

                cloud.kill(true);
                Instant restarted = Instant.now();
                cloud = CloudProcess.start(dataDir, certificates.dir(), httpPort, mqttPort,
                        root.resolve("cloud-2.log"), START_WAIT, "--config", config.toString());
                // a heartbeat after the restart moves the lease's expiry past restart + lease
                CampaignTestCloud.await(admin, id, body -> Instant.parse(body.path("runs").get(0).path("leaseExpiresAt")
                        .asText("1970-01-01T00:00:00Z")).isAfter(restarted.plusSeconds(120)));
                rig.release();
                JsonNode campaign = CampaignTestCloud.await(admin, id, allRuns("PASSED"));

                for (JsonNode run : campaign.path("runs")) {
                    assertThat(run.path("attempt").asInt()).as("run " + run.path("id")).isEqualTo(1);
                    assertThat(run.path("attempts")).singleElement().satisfies(a ->
                            assertThat(a.path("outcome").asText()).isEqualTo("PASSED"));
                }
                assertThat(rig.jobIds()).hasSize(2).doesNotHaveDuplicates();
            }
        } finally {
            cloud.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
