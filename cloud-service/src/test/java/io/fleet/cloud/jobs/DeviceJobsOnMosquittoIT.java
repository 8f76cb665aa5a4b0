package io.fleet.cloud.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.cloud.CloudService;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.DevCertificates;
import io.fleet.cloud.broker.MosquittoProcess;
import io.fleet.cloud.registry.RegistryClients;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The Jobs device API on an external broker (Debian's Mosquitto 2): the service takes the requests through its own
 * MQTT client and announces changes on {@code jobs/notify-next}, judged by the device SDK's {@link IotJobsV2Client}.
 */
class DeviceJobsOnMosquittoIT {

    private static final String THING = "mosquitto-rig";

    @TempDir
    Path dir;

    @Test
    void aDeviceOnAnExternalBrokerIsToldOfItsJobStartsItAndEndsIt() throws Exception {
        assumeTrue(MosquittoProcess.isInstalled(), "needs Mosquitto 2.x at " + MosquittoProcess.BINARY
                + " (Debian: apt-get install mosquitto; .ci/run installs it)");
        DevCertificates certificates = DevCertificates.create(dir.resolve("certs"));
        BlockingQueue<NextJobExecutionChangedEvent> nexts = new LinkedBlockingQueue<>();
        BlockingQueue<Object> subscribed = new LinkedBlockingQueue<>();
        try (MosquittoProcess mosquitto = MosquittoProcess.start(dir, certificates)) {
            try (CloudService service = CloudService.start(mosquitto.serviceConfig(certificates, dir.resolve("data")));
                 IotClient iot = RegistryClients.iot("http://127.0.0.1:" + service.httpPort(), "AKIDEXAMPLE",
                         "unused-on-loopback");
                 AwsDeviceClient device = AwsDeviceClient.start("localhost", mosquitto.port(),
                         certificates.caCertificate(), certificates.thing(THING), THING);
                 IotJobsV2Client jobs = DeviceJobsIT.jobsClient(device);
                 StreamingOperation nextStream = jobs.createNextJobExecutionChangedStream(
                         DeviceJobsIT.nextSubscription(THING), V2ClientStreamOptions
                                 .<NextJobExecutionChangedEvent>builder().withStreamEventHandler(nexts::add)
                                 .withSubscriptionEventHandler(subscribed::add).build())) {
                device.awaitConnected();
                nextStream.open();
                assertThat(subscribed.poll(DeviceJobsIT.TIMEOUT_S, TimeUnit.SECONDS)).as("notify-next subscribed")
                        .isNotNull();
                assertThat(DeviceJobsIT.pending(jobs, THING).queuedJobs).as("get answered via Mosquitto").isEmpty();

                DeviceJobsIT.jobFor(iot, THING, "mosquitto-job-1");

                NextJobExecutionChangedEvent next = nexts.poll(DeviceJobsIT.TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(next).as("notify-next via Mosquitto, mosquitto log:\n%s", mosquitto.logText())
                        .isNotNull();
                assertThat(next.execution.jobId).isEqualTo("mosquitto-job-1");
                StartNextJobExecutionResponse started = DeviceJobsIT.startNext(jobs, THING, Map.of("step", "1"),
                        null);
                assertThat(started.execution.status).isEqualTo(JobStatus.IN_PROGRESS);
                assertThat(started.execution.jobDocument).containsEntry("driveLog", "s3://logs/drive-1.mf4");

                UpdateJobExecutionRequest done = DeviceJobsIT.update(THING, "mosquitto-job-1", JobStatus.SUCCEEDED);
                done.statusDetails = new HashMap<>(Map.of("verdict", "PASS"));
                jobs.updateJobExecution(done).get(DeviceJobsIT.TIMEOUT_S, TimeUnit.SECONDS);

                assertThat(iot.describeJobExecution(b -> b.jobId("mosquitto-job-1").thingName(THING))
                        .execution().statusAsString()).isEqualTo("SUCCEEDED");
                assertThat(iot.describeJob(b -> b.jobId("mosquitto-job-1")).job().statusAsString())
                        .isEqualTo("COMPLETED");
                NextJobExecutionChangedEvent none = nexts.poll(DeviceJobsIT.TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(none).as("notify-next once nothing is pending").isNotNull();
                assertThat(none.execution).isNull();
            }
        }
    }
}
