package io.fleet.cloud.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudService;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.DevCertificates;
import io.fleet.cloud.broker.MosquittoProcess;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.config.TestConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;

/**
 * The shadow service in its other deployments: two instances sharing one broker and one database through MQTT 5
 * shared subscriptions, and a single instance on a stock external broker (Debian's Mosquitto 2).
 */
@ExtendWith(CloudServiceExtension.class)
class ShadowServiceDeploymentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static double handled(CloudService service) {
        return service.metrics().find("fleet.shadow.requests").tag("transport", "mqtt").timers().stream()
                .mapToDouble(t -> t.count()).sum();
    }

    @Test
    void twoInstancesOnOneSharedSubscriptionHandleEachRequestExactlyOnce() throws Exception {
        // The first instance embeds the broker but takes its requests through its client, as the second must.
        try (RunningCloud cloud = RunningCloud.start(c -> c.withMqtt(TestConfig.mqtt().port(0)
                .shadowFrontend(ShadowFrontend.CLIENT).build()))) {
            twoInstancesShareTheRequests(cloud);
        }
    }

    private void twoInstancesShareTheRequests(RunningCloud cloud) throws Exception {
        CloudConfig second = CloudConfig.defaults().withDataDir(dir.resolve("second")).withCertsDir(
                        cloud.certificates().dir())
                .withMqtt(TestConfig.externalBroker(cloud.mqttHost(), cloud.mqttPort()).build())
                .withHttp(HttpConfig.loopback(0))
                .withDatabase(cloud.service().databaseSettings())
                .withS3(TestConfig.embeddedS3OnAnyPort());
        int devices = 20;
        int updatesEach = 20;
        double firstBefore = handled(cloud.service());
        try (CloudService other = CloudService.start(second)) {
            List<AwsDeviceClient> clients = new ArrayList<>();
            try {
                for (int d = 0; d < devices; d++) {
                    AwsDeviceClient device = cloud.device("shared-car-" + d);
                    device.subscribe("$aws/things/shared-car-" + d + "/shadow/update/accepted");
                    clients.add(device);
                }
                for (int i = 1; i <= updatesEach; i++) {
                    for (int d = 0; d < devices; d++) {
                        clients.get(d).publish("$aws/things/shared-car-" + d + "/shadow/update",
                                "{\"state\":{\"reported\":{\"odometer\":" + i + "}}}");
                    }
                }
                for (int d = 0; d < devices; d++) {
                    Map<Long, Integer> versions = new HashMap<>();
                    for (int i = 0; i < updatesEach; i++) {
                        PublishPacket accepted = clients.get(d).nextMessage(TIMEOUT);
                        assertThat(accepted).as("accepted #%d of shared-car-%d", i, d).isNotNull();
                        JsonNode doc = JSON.readTree(new String(accepted.getPayload(), StandardCharsets.UTF_8));
                        versions.merge(doc.get("version").asLong(), 1, Integer::sum);
                    }
                    // Every update got its own version 1..N: none lost, none applied twice.
                    assertThat(versions.keySet()).hasSize(updatesEach).allMatch(v -> v >= 1 && v <= updatesEach);
                }
            } finally {
                clients.forEach(AwsDeviceClient::close);
            }
            // Each request was handled by exactly one instance. Which one is the broker's choice: HiveMQ CE hands a
            // shared subscription's messages to a member with room in its receive window, so a member that keeps
            // up may take them all (observed); the others take over when it is busy or gone.
            double byFirst = handled(cloud.service()) - firstBefore;
            double bySecond = handled(other);
            assertThat(byFirst + bySecond).isEqualTo(devices * updatesEach);
        }
    }

    @Test
    void aSingleInstanceServesShadowsOnMosquitto() throws Exception {
        assumeTrue(MosquittoProcess.isInstalled(), "needs Mosquitto 2.x at " + MosquittoProcess.BINARY
                + " (Debian: apt-get install mosquitto; .ci/run installs it)");
        DevCertificates certificates = DevCertificates.create(dir.resolve("certs"));
        try (MosquittoProcess mosquitto = MosquittoProcess.start(dir, certificates)) {
            try (CloudService service = CloudService.start(mosquitto.serviceConfig(certificates, dir.resolve("data")));
                 AwsDeviceClient device = AwsDeviceClient.start("localhost", mosquitto.port(),
                         certificates.caCertificate(), certificates.thing("mosquitto-car"), "mosquitto-car")) {
                device.awaitConnected();
                device.subscribe("$aws/things/mosquitto-car/shadow/update/accepted");
                device.publish("$aws/things/mosquitto-car/shadow/update",
                        "{\"state\":{\"reported\":{\"lock\":\"locked\"}},\"clientToken\":\"m1\"}");
                PublishPacket accepted = device.nextMessage(TIMEOUT);
                assertThat(accepted).as("update/accepted from the service via Mosquitto").isNotNull();
                JsonNode doc = JSON.readTree(new String(accepted.getPayload(), StandardCharsets.UTF_8));
                assertThat(doc.get("version").asLong()).isEqualTo(1);
                assertThat(doc.get("clientToken").asText()).isEqualTo("m1");
            }
        }
    }
}
