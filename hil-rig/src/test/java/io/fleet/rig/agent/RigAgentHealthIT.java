package io.fleet.rig.agent;

import static io.fleet.rig.agent.RigAgentIT.awaitEnd;
import static io.fleet.rig.agent.RigAgentIT.jobs;
import static io.fleet.rig.agent.RigAgentIT.replayJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import io.fleet.cloud.s3.DriveLogBucket;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.JobExecution;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;

/** The rig agent's health check and its shadow {@code reported.rig} against the real cloud service. */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class RigAgentHealthIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnhealthyRigReportsWhyAndTakesNoJobUntilARetriedCheckPassesThenReportsHealthyAndRunsIt(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        String thing = "rig-it-health";
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        bucket.client().putObject(b -> b.bucket(bucket.bucket()).key("drives/one.log"),
                RequestBody.fromString("(1700000000.000000) vcan0 123#DEADBEEF\n"));
        iot.createThing(b -> b.thingName(thing));
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        String document = "{\"driveLog\":\"s3://" + bucket.bucket()
                + "/drives/one.log\",\"outputs\":{\"A\":\"loopback://a\"}}";
        iot.createJob(b -> b.jobId("waits-for-health").targets(arn).document(document));

        DatagramSocket taken = new DatagramSocket(0); // the rig's output cannot bind its local port while held
        int port = taken.getLocalPort();
        String output = "A=cannelloni://127.0.0.1:9?local=" + port;
        try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobs(device);
             RigAgent agent = new RigAgent(jobs, thing, Set.of("can", "canfd"), replayJob(cloud, work),
                     new RigHealth(List.of(output)), new RigShadow(device.mqtt5Client(), thing, Set.of("can", "canfd")),
                     Duration.ofSeconds(1))) {
            agent.start().get();

            JsonNode rig = awaitRig(cloud, thing, r -> r.path("health").asText().equals("unhealthy"));
            assertThat(rig.path("reason").asText()).startsWith("output " + output + " does not open");
            assertThat(rig.path("busy").asBoolean()).isFalse();
            awaitTwoMoreChecks(agent);
            assertThat(iot.describeJobExecution(b -> b.jobId("waits-for-health").thingName(thing)).execution()
                    .status()).isEqualTo(JobExecutionStatus.QUEUED);

            taken.close();
            JobExecution ran = awaitEnd(iot, "waits-for-health", thing);
            assertThat(ran.status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
            JsonNode healthy = awaitRig(cloud, thing, r -> r.path("health").asText().equals("healthy")
                    && !r.path("busy").asBoolean());
            assertThat(healthy.has("reason")).isFalse();
            assertThat(healthy.path("softwareVersion").asText()).isEqualTo("hil-rig 0.1.0-SNAPSHOT");
            assertThat(healthy.path("capabilities").toString()).isEqualTo("[\"can\",\"canfd\"]");

            // a failed job makes the rig check its health again before it takes the next one
            try (DatagramSocket again = new DatagramSocket(port)) {
                String wrongHash = "{\"sha256\":\"" + "0".repeat(64) + "\"," + document.substring(1);
                iot.createJob(b -> b.jobId("fails").targets(arn).document(wrongHash));
                assertThat(awaitEnd(iot, "fails", thing).status()).isEqualTo(JobExecutionStatus.FAILED);
                iot.createJob(b -> b.jobId("after-the-failure").targets(arn).document(document));
                awaitRig(cloud, thing, r -> r.path("health").asText().equals("unhealthy"));
                awaitTwoMoreChecks(agent);
                assertThat(iot.describeJobExecution(b -> b.jobId("after-the-failure").thingName(thing)).execution()
                        .status()).isEqualTo(JobExecutionStatus.QUEUED);
            }
            assertThat(awaitEnd(iot, "after-the-failure", thing).status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
        } finally {
            taken.close();
        }
    }

    /** Two more health checks done (failed, as the output still does not open): each was a chance to take the job. */
    private static void awaitTwoMoreChecks(RigAgent agent) {
        long checked = agent.healthChecks();
        await("two more health checks").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(agent::healthChecks, checks -> checks >= checked + 2);
    }

    /** The shadow's {@code state.reported.rig} once it matches, read over the service's HTTP shadow API. */
    private static JsonNode awaitRig(RunningCloud cloud, String thing, Predicate<JsonNode> wanted) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest shadow = HttpRequest.newBuilder(URI.create(cloud.httpBase() + "/things/" + thing + "/shadow"))
                .build();
        return await("the shadow's reported.rig to match").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    HttpResponse<String> response = http.send(shadow, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 ? JSON.readTree(response.body()).path("state")
                            .path("reported").path("rig") : JSON.missingNode();
                }, rig -> !rig.isMissingNode() && wanted.test(rig));
    }
}
