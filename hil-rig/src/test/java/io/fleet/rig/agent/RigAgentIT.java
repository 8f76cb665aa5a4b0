package io.fleet.rig.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import io.fleet.cloud.s3.DriveLogBucket;
import io.fleet.cloud.s3.S3Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.JobExecution;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;
import software.amazon.awssdk.services.s3.S3Client;

/** The rig agent against the real cloud service: jobs made by the AWS SDK's IotClient, drive logs in its S3. */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class RigAgentIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aReplayJobSucceedsWithItsVerdictAndResultsInS3AndAJobNeedingCanFdIsRejected(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        String thing = "rig-it-1";
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        S3Client s3 = bucket.client();
        s3.putObject(b -> b.bucket(bucket.bucket()).key("drives/short.log"), RequestBody.fromString("""
                (1700000000.000000) vcan0 123#DEADBEEF
                (1700000000.010000) vcan0 124#01020304
                (1700000000.020000) vcan0 123#CAFEBABE
                """));
        iot.createThing(b -> b.thingName(thing));
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        String driveLog = "s3://" + bucket.bucket() + "/drives/short.log";
        iot.createJob(b -> b.jobId("replay-1").targets(arn).document("""
                {"driveLog":"%s","outputs":{"A":"loopback://a"},"expect":"lateness.p99<=10s","speed":1.0}"""
                .formatted(driveLog)));
        iot.createJob(b -> b.jobId("needs-canfd").targets(arn).document("""
                {"driveLog":"%s","outputs":{"A":"loopback://a"},"capabilities":["canfd"]}""".formatted(driveLog)));

        S3Credentials keys = bucket.embedded().orElseThrow().credentials();
        List<String> s3Options = List.of("--s3-endpoint", bucket.embedded().orElseThrow().endpoint().toString(),
                "--s3-region", "us-east-1", "--s3-access-key", keys.accessKeyId(), "--s3-secret-key",
                keys.secretAccessKey(), "--cache-dir", work.resolve("cache").toString());
        try (AwsDeviceClient device = cloud.device(thing);
             IotJobsV2Client jobs = jobs(device);
             RigAgent agent = new RigAgent(jobs, thing, Set.of("can"),
                     new ReplayJob(s3Options, s3, work.resolve("reports")))) {
            agent.start().get();

            JobExecution replayed = awaitEnd(iot, "replay-1", thing);
            assertThat(replayed.status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
            assertThat(replayed.statusDetails().detailsMap()).containsEntry("verdict", "pass")
                    .containsEntry("exitCode", "0")
                    .containsEntry("results", "s3://" + bucket.bucket() + "/results/replay-1/");
            for (String file : List.of("kpi.json", "kpi.html", "junit.xml")) {
                assertThat(s3.headObject(b -> b.bucket(bucket.bucket()).key("results/replay-1/" + file))
                        .contentLength()).as(file).isPositive();
            }
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key("results/replay-1/junit.xml"))
                    .asUtf8String()).contains("lateness.p99");

            JobExecution rejected = awaitEnd(iot, "needs-canfd", thing);
            assertThat(rejected.status()).isEqualTo(JobExecutionStatus.REJECTED);
            assertThat(rejected.statusDetails().detailsMap()).containsEntry("reason", "missing capabilities canfd");
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket.bucket()).prefix("results/needs-canfd/")).contents())
                    .isEmpty();
        }
        assertThat(Files.exists(work.resolve("reports/replay-1/kpi.json"))).isTrue();
    }

    @Test
    void onStartTheExecutionLeftInProgressFailsAsRigRestartedAndAnInvalidDocumentIsRejectedNamingTheField(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        String thing = "rig-it-2";
        iot.createThing(b -> b.thingName(thing));
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        iot.createJob(b -> b.jobId("left-running").targets(arn)
                .document("{\"driveLog\":\"s3://drive-logs/a.log\",\"outputs\":{\"A\":\"loopback://a\"}}"));
        try (AwsDeviceClient previousRun = cloud.device(thing); IotJobsV2Client jobs = jobs(previousRun)) {
            StartNextPendingJobExecutionRequest start = new StartNextPendingJobExecutionRequest();
            start.thingName = thing;
            assertThat(jobs.startNextPendingJobExecution(start).get().execution.jobId).isEqualTo("left-running");
        }
        iot.createJob(b -> b.jobId("bad-document").targets(arn)
                .document("{\"driveLog\":\"s3://drive-logs/a.log\",\"outputs\":{\"A\":\"loopback://a\"},"
                        + "\"speed\":-1}"));
        try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobs(device);
             RigAgent agent = new RigAgent(jobs, thing, Set.of("can"),
                     new ReplayJob(List.of(), cloud.service().driveLogBucket().client(), work))) {
            agent.start().get();

            JobExecution restarted = awaitEnd(iot, "left-running", thing);
            assertThat(restarted.status()).isEqualTo(JobExecutionStatus.FAILED);
            assertThat(restarted.statusDetails().detailsMap()).containsEntry("reason", "rig restarted");

            JobExecution invalid = awaitEnd(iot, "bad-document", thing);
            assertThat(invalid.status()).isEqualTo(JobExecutionStatus.REJECTED);
            assertThat(invalid.statusDetails().detailsMap()).containsEntry("reason", "invalid job document")
                    .containsEntry("field", "speed");
            assertThat(invalid.statusDetails().detailsMap().get("error")).startsWith("speed: must be a number above 0");
        }
        assertThat(work).isEmptyDirectory();
    }

    private static IotJobsV2Client jobs(AwsDeviceClient device) {
        return IotJobsV2Client.newFromMqtt5(device.mqtt5Client(), MqttRequestResponseClientOptions.builder()
                .withMaxRequestResponseSubscriptions(6).withMaxStreamingSubscriptions(2)
                .withOperationTimeoutSeconds(30).build());
    }

    private static JobExecution awaitEnd(IotClient iot, String jobId, String thing) {
        Set<JobExecutionStatus> running = Set.of(JobExecutionStatus.QUEUED, JobExecutionStatus.IN_PROGRESS);
        return await(jobId + " on " + thing + " ended").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> iot.describeJobExecution(b -> b.jobId(jobId).thingName(thing)).execution(),
                        execution -> !running.contains(execution.status()));
    }
}
