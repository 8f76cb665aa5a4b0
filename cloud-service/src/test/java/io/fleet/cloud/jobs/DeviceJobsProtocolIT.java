package io.fleet.cloud.jobs;

import static io.fleet.cloud.jobs.DeviceJobsIT.TIMEOUT_S;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.iot.iotjobs.IotJobsClient;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionSubscriptionRequest;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The Jobs device API's wire details: the first device SDK client ({@link IotJobsClient}, publish and subscribe by
 * hand), AWS's error documents for requests that are not JSON or go to no operation, the clientToken echo, and the
 * broker policy that keeps a thing to its own jobs topics.
 */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class DeviceJobsProtocolIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static IotClient iot;

    @BeforeAll
    static void connect(IotClient client) {
        iot = client;
    }

    @Test
    void theFirstSdkClientStartsAndFailsAJob(RunningCloud cloud) throws Exception {
        String thing = "jobs-v1-rig";
        DeviceJobsIT.jobFor(iot, thing, "v1-job-1");
        try (AwsDeviceClient device = cloud.device(thing);
             MqttClientConnection connection = new MqttClientConnection(device.mqtt5Client(), null)) {
            IotJobsClient jobs = new IotJobsClient(connection);
            CompletableFuture<StartNextJobExecutionResponse> started = new CompletableFuture<>();
            CompletableFuture<UpdateJobExecutionResponse> updated = new CompletableFuture<>();
            StartNextPendingJobExecutionSubscriptionRequest startTopic =
                    new StartNextPendingJobExecutionSubscriptionRequest();
            startTopic.thingName = thing;
            jobs.SubscribeToStartNextPendingJobExecutionAccepted(startTopic, QualityOfService.AT_LEAST_ONCE,
                    started::complete).get(TIMEOUT_S, TimeUnit.SECONDS);
            UpdateJobExecutionSubscriptionRequest updateTopic = new UpdateJobExecutionSubscriptionRequest();
            updateTopic.thingName = thing;
            updateTopic.jobId = "v1-job-1";
            jobs.SubscribeToUpdateJobExecutionAccepted(updateTopic, QualityOfService.AT_LEAST_ONCE,
                    updated::complete).get(TIMEOUT_S, TimeUnit.SECONDS);

            StartNextPendingJobExecutionRequest start = new StartNextPendingJobExecutionRequest();
            start.thingName = thing;
            start.clientToken = "v1-start";
            jobs.PublishStartNextPendingJobExecution(start, QualityOfService.AT_LEAST_ONCE)
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            StartNextJobExecutionResponse execution = started.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(execution.clientToken).isEqualTo("v1-start");
            assertThat(execution.execution.status).isEqualTo(JobStatus.IN_PROGRESS);
            assertThat(execution.execution.jobDocument).containsEntry("operation", "replay");

            UpdateJobExecutionRequest fail = new UpdateJobExecutionRequest();
            fail.thingName = thing;
            fail.jobId = "v1-job-1";
            fail.status = JobStatus.FAILED;
            fail.statusDetails = new HashMap<>(Map.of("reason", "DUT did not answer"));
            fail.includeJobExecutionState = true;
            fail.clientToken = "v1-fail";
            jobs.PublishUpdateJobExecution(fail, QualityOfService.AT_LEAST_ONCE).get(TIMEOUT_S, TimeUnit.SECONDS);
            UpdateJobExecutionResponse failed = updated.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(failed.clientToken).isEqualTo("v1-fail");
            assertThat(failed.executionState.status).isEqualTo(JobStatus.FAILED);
            assertThat(failed.executionState.statusDetails).containsEntry("reason", "DUT did not answer");
            assertThat(iot.describeJob(b -> b.jobId("v1-job-1")).job().jobProcessDetails().numberOfFailedThings())
                    .isEqualTo(1);
        }
    }

    @Test
    void requestsThatAreNotJsonOrGoToNoOperationAreRejectedWithAwsCodes(RunningCloud cloud) throws Exception {
        String thing = "jobs-raw-rig";
        try (AwsDeviceClient device = cloud.device(thing)) {
            String prefix = "$aws/things/" + thing + "/jobs/";
            device.subscribe(prefix + "#");

            device.publish(prefix + "get", "{\"clientToken\":").get(TIMEOUT_S, TimeUnit.SECONDS);
            JsonNode notJson = next(device, prefix + "get/rejected");
            assertThat(notJson.get("code").asText()).isEqualTo("InvalidJson");
            assertThat(notJson.get("message").asText()).contains("line 1");
            assertThat(notJson.get("timestamp").asLong()).isPositive();

            device.publish(prefix + "some-job/frobnicate", "{\"clientToken\":\"frob\"}")
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            JsonNode noOperation = next(device, prefix + "some-job/frobnicate/rejected");
            assertThat(noOperation.get("code").asText()).isEqualTo("InvalidTopic");
            assertThat(noOperation.get("clientToken").asText()).isEqualTo("frob");

            device.publish(prefix + "get", "{\"clientToken\":\"pending-1\"}").get(TIMEOUT_S, TimeUnit.SECONDS);
            JsonNode empty = next(device, prefix + "get/accepted");
            assertThat(empty.get("clientToken").asText()).isEqualTo("pending-1");
            assertThat(empty.get("inProgressJobs")).isEmpty();
            assertThat(empty.get("queuedJobs")).isEmpty();

            device.publish(prefix + "start-next", "{\"stepTimeoutInMinutes\":0,\"clientToken\":\"s\"}")
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            JsonNode badTimeout = next(device, prefix + "start-next/rejected");
            assertThat(badTimeout.get("code").asText()).isEqualTo("InvalidRequest");
            assertThat(badTimeout.get("message").asText()).contains("stepTimeoutInMinutes");
            assertThat(badTimeout.get("clientToken").asText()).isEqualTo("s");
        }
    }

    @Test
    void aThingCannotReadOrDriveAnotherThingsJobs(RunningCloud cloud) throws Exception {
        DeviceJobsIT.jobFor(iot, "jobs-owner-rig", "owned-job-1");
        try (AwsDeviceClient intruder = cloud.device("jobs-intruder-rig")) {
            SubAckPacket suback = intruder.subscribe("$aws/things/jobs-owner-rig/jobs/notify-next");
            assertThat(suback.getReasonCodes()).singleElement().extracting(Enum::name).isEqualTo("NOT_AUTHORIZED");

            var ack = intruder.publish("$aws/things/jobs-owner-rig/jobs/start-next", "{}")
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(ack.getResultPubAck().getReasonCode().name()).isEqualTo("NOT_AUTHORIZED");
        }
        try (AwsDeviceClient owner = cloud.device("jobs-owner-rig")) {
            owner.subscribe("$aws/things/jobs-owner-rig/jobs/get/accepted");
            owner.publish("$aws/things/jobs-owner-rig/jobs/get", "{}").get(TIMEOUT_S, TimeUnit.SECONDS);
            JsonNode pending = next(owner, "$aws/things/jobs-owner-rig/jobs/get/accepted");
            assertThat(pending.get("inProgressJobs")).as("not started by the intruder").isEmpty();
            assertThat(pending.get("queuedJobs")).hasSize(1);
        }
    }

    /** The next message on {@code topic}, skipping others (notifications, the request itself). */
    private static JsonNode next(AwsDeviceClient device, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            PublishPacket packet = device.nextMessage(Duration.ofSeconds(1));
            if (packet != null && packet.getTopic().equals(topic)) {
                return JSON.readTree(new String(packet.getPayload(), StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("nothing on " + topic + " within " + TIMEOUT_S + " s");
    }
}
