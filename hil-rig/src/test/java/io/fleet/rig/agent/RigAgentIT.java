package io.fleet.rig.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import io.fleet.cloud.s3.DriveLogBucket;
import io.fleet.cloud.s3.S3Credentials;
import io.fleet.rig.dut.DutSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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
    void aReplayJobSucceedsWithTheContractsStatusDetailsAndResultsUnderItsPrefixAJobNeedingCanFdIsRejected(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        String thing = "rig-it-1";
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        S3Client s3 = bucket.client();
        String log = """
                (1700000000.000000) vcan0 123#DEADBEEF
                (1700000000.010000) vcan0 124#01020304
                (1700000000.020000) vcan0 123#CAFEBABE
                """;
        s3.putObject(b -> b.bucket(bucket.bucket()).key("drives/short.log"), RequestBody.fromString(log));
        iot.createThing(b -> b.thingName(thing));
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        String driveLog = "s3://" + bucket.bucket() + "/drives/short.log";
        // seek 5 ms, window 10 ms: only the frame at 10 ms is replayed
        iot.createJob(b -> b.jobId("replay-1").targets(arn).document("""
                {"driveLog":"%s","sha256":"%s","outputs":{"A":"loopback://a"},"expect":"lateness.p99<=10s",\
                "speed":1.0,"seek":0.005,"window":0.01,"resultsPrefix":"results/c-1/r-7/","campaign":"c-1",\
                "run":"r-7"}""".formatted(driveLog, sha256(log))));
        iot.createJob(b -> b.jobId("needs-canfd").targets(arn).document("""
                {"driveLog":"%s","outputs":{"A":"loopback://a"},"capabilities":["canfd"]}""".formatted(driveLog)));

        try (AwsDeviceClient device = cloud.device(thing);
             IotJobsV2Client jobs = jobs(device);
             RigAgent agent = agent(device, jobs, thing, replayJob(cloud, work))) {
            agent.start().get();

            JobExecution replayed = awaitEnd(iot, "replay-1", thing);
            assertThat(replayed.status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
            assertThat(replayed.statusDetails().detailsMap()).containsEntry("verdict", "PASS")
                    .containsEntry("exitCode", "0").containsEntry("frames", "1")
                    .containsEntry("results", "s3://" + bucket.bucket() + "/results/c-1/r-7/")
                    .containsEntry("softwareVersion", "hil-rig 0.1.0-SNAPSHOT")
                    .containsEntry("campaign", "c-1").containsEntry("run", "r-7").containsKey("latenessP99Us")
                    .doesNotContainKey("reason");
            for (String file : List.of("kpi.json", "kpi.html", "junit.xml")) {
                assertThat(s3.headObject(b -> b.bucket(bucket.bucket()).key("results/c-1/r-7/" + file))
                        .contentLength()).as(file).isPositive();
            }
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key("results/c-1/r-7/junit.xml"))
                    .asUtf8String()).contains("lateness.p99");

            JobExecution rejected = awaitEnd(iot, "needs-canfd", thing);
            assertThat(rejected.status()).isEqualTo(JobExecutionStatus.REJECTED);
            assertThat(rejected.statusDetails().detailsMap()).containsEntry("reason", "missing capabilities canfd")
                    .containsEntry("softwareVersion", "hil-rig 0.1.0-SNAPSHOT");
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket.bucket()).prefix("results/needs-canfd/")).contents())
                    .isEmpty();
        }
        assertThat(Files.exists(work.resolve("reports/replay-1/kpi.json"))).isTrue();
    }

    @Test
    void aJobWithMatchAndCaptureChecksTheDutSimulatorsAnswersAndUploadsTheCapture(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        String thing = "rig-it-dut";
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        bucket.client().putObject(b -> b.bucket(bucket.bucket()).key("drives/requests.log"), RequestBody.fromString("""
                (1700000000.000000) vcan0 7E0#0210030000000000
                (1700000000.100000) vcan0 123#DEADBEEF
                (1700000000.200000) vcan0 7E0#0322F19000000000
                """));
        iot.createThing(b -> b.thingName(thing));
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        try (DutSimulator dut = DutSimulator.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = dut.address().getPort();
            iot.createJob(b -> b.jobId("with-dut").targets(arn).document("""
                    {"driveLog":"s3://%s/drives/requests.log","outputs":{"A":"cannelloni://127.0.0.1:%d"},\
                    "match":"0x7E0->0x7E8","capture":true,"expect":"missing=0,response.p99<=1s"}"""
                    .formatted(bucket.bucket(), port)));
            try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobs(device);
                 RigAgent agent = agent(device, jobs, thing, replayJob(cloud, work))) {
                agent.start().get();

                JobExecution replayed = awaitEnd(iot, "with-dut", thing);
                assertThat(replayed.status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
                assertThat(replayed.statusDetails().detailsMap()).containsEntry("verdict", "PASS");
            }
            assertThat(dut.answered()).isEqualTo(2);
        }
        String capture = bucket.client().getObjectAsBytes(b -> b.bucket(bucket.bucket())
                .key("results/with-dut/capture.log")).asUtf8String();
        assertThat(capture).contains("7E8#0210030000000000").contains("7E8#0322F19000000000");
        assertThat(bucket.client().getObjectAsBytes(b -> b.bucket(bucket.bucket()).key("results/with-dut/junit.xml"))
                .asUtf8String()).contains("missing").contains("response.p99");
    }

    @Test
    void aDriveLogWhoseSha256DiffersFromTheDocumentsEndsFailedNamingBothHashesWithoutReplaying(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        String thing = "rig-it-3";
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        String log = "(1700000000.000000) vcan0 123#DEADBEEF\n";
        bucket.client().putObject(b -> b.bucket(bucket.bucket()).key("drives/other.log"), RequestBody.fromString(log));
        iot.createThing(b -> b.thingName(thing));
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        String claimed = "0".repeat(64);
        iot.createJob(b -> b.jobId("wrong-log").targets(arn).document("""
                {"driveLog":"s3://%s/drives/other.log","sha256":"%s","outputs":{"A":"loopback://a"}}"""
                .formatted(bucket.bucket(), claimed)));
        try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobs(device);
             RigAgent agent = agent(device, jobs, thing, replayJob(cloud, work))) {
            agent.start().get();

            JobExecution failed = awaitEnd(iot, "wrong-log", thing);
            assertThat(failed.status()).isEqualTo(JobExecutionStatus.FAILED);
            assertThat(failed.statusDetails().detailsMap().get("reason")).contains(claimed).contains(sha256(log))
                    .startsWith("sha256 mismatch");
        }
        assertThat(work.resolve("reports")).doesNotExist();
        assertThat(bucket.client().listObjectsV2(b -> b.bucket(bucket.bucket()).prefix("results/wrong-log/"))
                .contents()).isEmpty();
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
             RigAgent agent = agent(device, jobs, thing,
                     new ReplayJob(List.of(), cloud.service().driveLogBucket().client(), work, work))) {
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

    /** An agent offering {@code can}, with no outputs to check and its shadow over the device's connection. */
    static RigAgent agent(AwsDeviceClient device, IotJobsV2Client jobs, String thing, ReplayJob replay) {
        return new RigAgent(jobs, thing, Set.of("can"), replay, new RigHealth(List.of()),
                new RigShadow(device.mqtt5Client(), thing, Set.of("can")), Duration.ofSeconds(1));
    }

    /** A replay job reading the service's embedded S3, caching under and reporting into {@code work}. */
    static ReplayJob replayJob(RunningCloud cloud, Path work) {
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        S3Credentials keys = bucket.embedded().orElseThrow().credentials();
        List<String> s3Options = List.of("--s3-endpoint", bucket.embedded().orElseThrow().endpoint().toString(),
                "--s3-region", "us-east-1", "--s3-access-key", keys.accessKeyId(), "--s3-secret-key",
                keys.secretAccessKey());
        return new ReplayJob(s3Options, bucket.client(), work.resolve("cache"), work.resolve("reports"));
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static IotJobsV2Client jobs(AwsDeviceClient device) {
        return IotJobsV2Client.newFromMqtt5(device.mqtt5Client(), MqttRequestResponseClientOptions.builder()
                .withMaxRequestResponseSubscriptions(6).withMaxStreamingSubscriptions(2)
                .withOperationTimeoutSeconds(30).build());
    }

    static JobExecution awaitEnd(IotClient iot, String jobId, String thing) {
        Set<JobExecutionStatus> running = Set.of(JobExecutionStatus.QUEUED, JobExecutionStatus.IN_PROGRESS);
        return await(jobId + " on " + thing + " ended").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> iot.describeJobExecution(b -> b.jobId(jobId).thingName(thing)).execution(),
                        execution -> !running.contains(execution.status()));
    }
}
