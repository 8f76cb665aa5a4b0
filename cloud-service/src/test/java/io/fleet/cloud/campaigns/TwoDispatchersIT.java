package io.fleet.cloud.campaigns;

import static io.fleet.cloud.campaigns.CampaignTestCloud.allRuns;
import static io.fleet.cloud.campaigns.CampaignTestCloud.rig;
import static io.fleet.cloud.campaigns.CampaignTestCloud.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudService;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.CampaignsConfig;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.MqttConfig;
import io.fleet.cloud.config.S3Config;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.config.TestConfig;
import io.fleet.cloud.registry.RegistryClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Two service instances on one database and one broker, both dispatching every 50 ms: every run is leased once,
 * to one rig, as one job, and ends with its verdict.
 */
class TwoDispatchersIT {

    private static final CampaignsConfig EAGER = new CampaignsConfig(Duration.ofSeconds(30),
            Duration.ofMillis(50));
    private static final int RUNS = 8;

    @TempDir
    Path dir;

    @Test
    void twoDispatchersNeverLeaseOneRunTwice() throws Exception {
        try (RunningCloud cloud = RunningCloud.start(c -> c.withCampaigns(EAGER).withMqtt(TestConfig.mqtt().port(0)
                .shadowFrontend(ShadowFrontend.CLIENT).build()))) {
            CloudConfig second = CloudConfig.defaults().withDataDir(dir.resolve("second"))
                    .withCertsDir(cloud.certificates().dir())
                    .withMqtt(MqttConfig.externalBroker(cloud.mqttHost(), cloud.mqttPort()))
                    .withHttp(HttpConfig.loopback(0))
                    .withDatabase(cloud.service().databaseSettings())
                    .withS3(S3Config.embeddedOn(0))
                    .withCampaigns(EAGER);
            try (CloudService other = CloudService.start(second);
                 IotClient iot = RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback");
                 SimulatedRig first = rig(cloud, iot, "twin-rig-1", SimulatedRig.Behaviour.PASS, "can");
                 SimulatedRig secondRig = rig(cloud, iot, "twin-rig-2", SimulatedRig.Behaviour.PASS,
                         "can")) {
                AppApiClient viaFirst = new AppApiClient(cloud.httpBase(),
                        cloud.service().tokenFiles().read("admin").orElseThrow());
                long id = CampaignTestCloud.create(viaFirst, "twins", runs(RUNS, "twins"), 0, "[\"can\"]");

                JsonNode campaign = CampaignTestCloud.await(viaFirst, id, allRuns("PASSED"));

                for (JsonNode run : campaign.path("runs")) {
                    assertThat(run.path("attempt").asInt()).as("run " + run.path("id")).isEqualTo(1);
                    assertThat(run.path("attempts")).hasSize(1);
                }
                List<String> taken = new ArrayList<>(first.jobIds());
                taken.addAll(secondRig.jobIds());
                assertThat(taken).hasSize(RUNS).doesNotHaveDuplicates();
                List<String> jobs = iot.listJobs(b -> b.maxResults(100)).jobs().stream()
                        .map(j -> j.jobId()).filter(j -> j.startsWith("campaign-" + id + "-")).toList();
                assertThat(new HashSet<>(jobs)).hasSize(RUNS).containsExactlyInAnyOrderElementsOf(taken);
            }
        }
    }
}
