package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.broker.AwsDeviceClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;

/**
 * How a {@link SimulatedRig} speaks the device side of AWS IoT Jobs: through the device SDK's own request-response
 * client ({@link #sdk}), or with standing subscriptions and plain publishes ({@link #plain}), as a device does that
 * needs single-digit milliseconds per request (BENCHMARKS.md, "Device SDK request-response clients").
 */
interface RigJobs extends AutoCloseable {

    /** A job the rig took: its id and document. */
    record Taken(String jobId, JsonNode document) {
    }

    /** StartNextPendingJobExecution: the next job, now IN_PROGRESS, or null when none is queued. */
    Taken startNext() throws Exception;

    /** UpdateJobExecution; fails when the service rejects it or does not answer in time. */
    void update(String jobId, JobStatus status, Map<String, String> details) throws Exception;

    /** Waits for a sign that a job may be queued (at most {@code max}) before the next {@link #startNext}. */
    void awaitWork(Duration max) throws InterruptedException;

    @Override
    void close();

    static RigJobs sdk(AwsDeviceClient device, String thing) {
        IotJobsV2Client jobs = IotJobsV2Client.newFromMqtt5(device.mqtt5Client(), MqttRequestResponseClientOptions
                .builder().withMaxRequestResponseSubscriptions(4).withMaxStreamingSubscriptions(2)
                .withOperationTimeoutSeconds(10).build());
        return new RigJobs() {
            @Override
            public Taken startNext() throws Exception {
                StartNextPendingJobExecutionRequest request = new StartNextPendingJobExecutionRequest();
                request.thingName = thing;
                JobExecutionData execution = jobs.startNextPendingJobExecution(request).get(10, TimeUnit.SECONDS)
                        .execution;
                return execution == null ? null
                        : new Taken(execution.jobId, Plain.JSON.valueToTree(execution.jobDocument));
            }

            @Override
            public void update(String jobId, JobStatus status, Map<String, String> details) throws Exception {
                UpdateJobExecutionRequest request = new UpdateJobExecutionRequest();
                request.thingName = thing;
                request.jobId = jobId;
                request.status = status;
                request.statusDetails = new HashMap<>(details);
                jobs.updateJobExecution(request).get(10, TimeUnit.SECONDS);
            }

            @Override
            public void awaitWork(Duration max) throws InterruptedException {
                Thread.sleep(Math.min(max.toMillis(), 100)); // polls, as the V2 client is request-response
            }

            @Override
            public void close() {
                jobs.close();
            }
        };
    }

    /** Standing subscriptions to the answers and to notify-next; one caller thread. */
    static RigJobs plain(AwsDeviceClient device, String thing) throws Exception {
        String base = "$aws/things/" + thing + "/jobs/";
        for (String filter : new String[] {"start-next/accepted", "start-next/rejected", "+/update/accepted",
            "+/update/rejected", "notify-next"}) {
            device.subscribe(base + filter);
        }
        return new Plain(device, base);
    }

    /** The plain protocol: publish the request, read answers until the one with our clientToken comes. */
    final class Plain implements RigJobs {
        static final ObjectMapper JSON = new ObjectMapper();
        private final AwsDeviceClient device;
        private final String base;
        private boolean notified;

        private Plain(AwsDeviceClient device, String base) {
            this.device = device;
            this.base = base;
        }

        @Override
        public Taken startNext() throws Exception {
            JsonNode answer = request("start-next", Map.of());
            JsonNode execution = answer.path("execution");
            return execution.isMissingNode() ? null
                    : new Taken(execution.path("jobId").asText(), execution.path("jobDocument"));
        }

        @Override
        public void update(String jobId, JobStatus status, Map<String, String> details) throws Exception {
            request(jobId + "/update", Map.of("status", status.name(), "statusDetails", details));
        }

        @Override
        public void awaitWork(Duration max) throws InterruptedException {
            Instant until = Instant.now().plus(max);
            while (!notified && Instant.now().isBefore(until)) {
                PublishPacket message = device.nextMessage(Duration.between(Instant.now(), until));
                notified = message != null && message.getTopic().endsWith("/notify-next");
            }
            notified = false;
        }

        private JsonNode request(String operation, Map<String, Object> fields) throws Exception {
            String token = UUID.randomUUID().toString();
            Map<String, Object> body = new HashMap<>(fields);
            body.put("clientToken", token);
            device.publish(base + operation, JSON.writeValueAsString(body)).get(10, TimeUnit.SECONDS);
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until)) {
                PublishPacket message = device.nextMessage(Duration.between(Instant.now(), until));
                if (message == null) {
                    break;
                }
                if (message.getTopic().endsWith("/notify-next")) {
                    notified = true;
                    continue;
                }
                JsonNode answer = JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
                if (token.equals(answer.path("clientToken").asText())) {
                    if (message.getTopic().endsWith("/rejected")) {
                        throw new IllegalStateException(operation + " rejected: " + answer);
                    }
                    return answer;
                }
            }
            throw new TimeoutException("no answer to " + operation + " within 10 s");
        }

        @Override
        public void close() {
            // the subscriptions end with the device's session
        }
    }
}
