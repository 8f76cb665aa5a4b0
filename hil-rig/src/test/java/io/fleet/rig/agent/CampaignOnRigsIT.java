package io.fleet.rig.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import io.fleet.cloud.s3.DriveLogBucket;
import io.fleet.rig.dut.DutSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 13's "done when" without mocks: a campaign posted to the real cloud service's HTTP API is dispatched as AWS
 * IoT jobs to two real rig agents (rig-1, rig-2, each with its own DUT simulator and the demo's health probe), which
 * replay drive logs from the service's embedded S3 at the DUT and come back with verdicts, results and traceability.
 * The drive logs are given as explicit {@code s3://} runs with their sha256 (the catalog is not populated here).
 */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class CampaignOnRigsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PROBE = "7E0#0210030000000000";
    private static final List<String> RESULT_FILES = List.of("kpi.json", "kpi.html", "junit.xml", "capture.log");

    @Test
    void aCampaignOverTwoDriveLogsRunsOnBothRigsAndEndsPassedWithResultsInS3AndTraceability(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        S3Client s3 = bucket.client();
        Map<String, String> logs = Map.of("drives/e2e/first.log", """
                (1700000000.000000) vcan0 7E0#0210030000000000
                (1700000000.050000) vcan0 123#DEADBEEF
                (1700000000.100000) vcan0 7E0#0322F19000000000
                """, "drives/e2e/second.log", """
                (1700000100.000000) vcan0 7E1#0322F18C00000000
                (1700000100.050000) vcan0 124#01020304
                (1700000100.100000) vcan0 7E0#0210010000000000
                """);
        List<String> runs = new ArrayList<>();
        logs.forEach((key, log) -> {
            s3.putObject(b -> b.bucket(bucket.bucket()).key(key), RequestBody.fromString(log));
            runs.add("{\"driveLog\": \"s3://" + bucket.bucket() + "/" + key + "\", \"sha256\": \""
                    + RigAgentIT.sha256(log) + "\"}");
        });
        AppApiClient admin = new AppApiClient(cloud.httpBase(),
                cloud.service().tokenFiles().read("admin").orElseThrow());

        try (DutSimulator dut1 = dut(); DutSimulator dut2 = dut();
             AwsDeviceClient device1 = device(cloud, iot, "rig-1"); AwsDeviceClient device2 = device(cloud, iot,
                     "rig-2");
             IotJobsV2Client jobs1 = RigAgentIT.jobs(device1); IotJobsV2Client jobs2 = RigAgentIT.jobs(device2);
             RigAgent rig1 = agent(device1, jobs1, "rig-1", dut1, cloud, work);
             RigAgent rig2 = agent(device2, jobs2, "rig-2", dut2, cloud, work)) {
            rig1.start().get();
            rig2.start().get();
            admin.awaitRig("rig-1", WAIT, rig -> rig.path("dispatchable").asBoolean());
            admin.awaitRig("rig-2", WAIT, rig -> rig.path("dispatchable").asBoolean());

            // one campaign has one output map, so both rigs replay at rig-1's DUT simulator (see the report)
            AppApiClient.Reply created = admin.post("/api/campaigns", "{\"name\": \"e2e on two rigs\", \"runs\": ["
                    + String.join(", ", runs) + "], \"requirements\": {\"capabilities\": [\"can\"]}, "
                    + "\"outputs\": {\"A\": \"" + cannelloni(dut1) + "\"}, \"expect\": \"missing=0,response.p99<=1s\","
                    + " \"match\": \"0x7E0->0x7E8\", \"capture\": true, \"retries\": 1}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            long id = created.body().path("id").asLong();

            JsonNode campaign = admin.awaitCampaign(id, WAIT, body -> body.path("runs").size() == 2 && StreamSupport
                    .stream(body.path("runs").spliterator(), false).allMatch(run -> Set.of("PASSED", "FAILED", "ERROR",
                            "CANCELED").contains(run.path("state").asText())));

            assertThat(campaign.path("status").asText()).as(campaign.toPrettyString()).isEqualTo("DONE");
            List<String> rigs = new ArrayList<>();
            List<String> driveLogs = new ArrayList<>();
            for (JsonNode run : campaign.path("runs")) {
                long runId = run.path("id").asLong();
                String prefix = "results/" + id + "/" + runId + "/";
                assertThat(run.path("state").asText()).as(run.toPrettyString()).isEqualTo("PASSED");
                assertThat(run.path("verdict").asText()).isEqualTo("PASS");
                assertThat(run.path("results").asText()).isEqualTo("s3://" + bucket.bucket() + "/" + prefix);
                assertThat(run.path("jobId").asText()).isEqualTo("campaign-" + id + "-run-" + runId + "-1");
                assertThat(run.path("rigSoftwareVersion").asText()).isEqualTo("hil-rig 0.1.0-SNAPSHOT");
                assertThat(run.path("measured").path("frames").asText()).isEqualTo("3");
                String url = run.path("driveLog").path("url").asText();
                String key = url.substring(("s3://" + bucket.bucket() + "/").length());
                assertThat(run.path("driveLog").path("sha256").asText()).isEqualTo(RigAgentIT.sha256(logs.get(key)));
                String rig = run.path("rig").asText();
                assertThat(iot.describeJobExecution(b -> b.jobId(run.path("jobId").asText()).thingName(rig))
                        .execution().status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
                for (String file : RESULT_FILES) {
                    assertThat(s3.headObject(b -> b.bucket(bucket.bucket()).key(prefix + file)).contentLength())
                            .as(prefix + file).isPositive();
                }
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key(prefix + "junit.xml"))
                        .asUtf8String()).contains("missing").contains("response.p99");
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key(prefix + "capture.log"))
                        .asUtf8String()).contains("7E8#");
                rigs.add(rig);
                driveLogs.add(key);
            }
            assertThat(rigs).containsExactlyInAnyOrder("rig-1", "rig-2");
            assertThat(driveLogs).containsExactlyInAnyOrderElementsOf(logs.keySet());
            // the two runs' requests to 0x7E0 (two, one) answered on top of the two rigs' health probes
            assertThat(dut1.answered()).isGreaterThanOrEqualTo(3 + 2);
        }
    }

    private static DutSimulator dut() throws Exception {
        return DutSimulator.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static String cannelloni(DutSimulator dut) throws IOException {
        return "cannelloni://127.0.0.1:" + dut.address().getPort();
    }

    private static AwsDeviceClient device(RunningCloud cloud, IotClient iot, String thing) throws Exception {
        iot.createThing(b -> b.thingName(thing));
        return cloud.device(thing);
    }

    /** A rig as the demo starts it: can, its DUT simulator as output A, health-checked with the demo's probe. */
    private static RigAgent agent(AwsDeviceClient device, IotJobsV2Client jobs, String thing, DutSimulator dut,
                                  RunningCloud cloud, Path work) throws IOException {
        Set<String> capabilities = Set.of("can", "canfd");
        RigHealth health = new RigHealth(List.of("A=" + cannelloni(dut)), RigHealth.parseProbe(PROBE),
                Duration.ofSeconds(1));
        return new RigAgent(jobs, thing, capabilities, RigAgentIT.replayJob(cloud, work.resolve(thing)), health,
                new RigShadow(device.mqtt5Client(), thing, capabilities), Duration.ofSeconds(1));
    }
}
