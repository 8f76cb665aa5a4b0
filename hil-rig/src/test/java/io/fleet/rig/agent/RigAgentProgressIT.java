package io.fleet.rig.agent;

import static io.fleet.rig.agent.JobProgressTest.log;
import static io.fleet.rig.agent.RigAgentIT.awaitEnd;
import static io.fleet.rig.agent.RigAgentIT.jobs;
import static io.fleet.rig.agent.RigAgentIT.replayJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import io.fleet.cloud.s3.DriveLogBucket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.JobExecution;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;

/** The rig agent's progress reports and cancellation against the real cloud service. */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class RigAgentProgressIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void progressReachesTheServiceAtMostOnceASecondAndACancelledReplayStopsAndTheRigTakesTheNextJob(
            RunningCloud cloud, IotClient iot, @TempDir Path work) throws Exception {
        String thing = "rig-it-progress";
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        bucket.client().putObject(b -> b.bucket(bucket.bucket()).key("drives/4s.log"),
                RequestBody.fromString(log(800)));
        bucket.client().putObject(b -> b.bucket(bucket.bucket()).key("drives/60s.log"),
                RequestBody.fromString(log(12_000)));
        iot.createThing(b -> b.thingName(thing));
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        String document = "{\"driveLog\":\"s3://" + bucket.bucket()
                + "/drives/%s\",\"outputs\":{\"A\":\"loopback://a\"}}";
        iot.createJob(b -> b.jobId("four-seconds").targets(arn).document(document.formatted("4s.log")));
        iot.createJob(b -> b.jobId("a-minute").targets(arn).document(document.formatted("60s.log")));
        iot.createJob(b -> b.jobId("after-the-cancel").targets(arn).document(document.formatted("4s.log")));

        try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobs(device);
             RigAgent agent = RigAgentIT.agent(device, jobs, thing, replayJob(cloud, work))) {
            agent.start().get();

            JobExecution measured = awaitEnd(iot, "four-seconds", thing);
            assertThat(measured.status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
            assertThat(measured.statusDetails().detailsMap()).containsEntry("frames", "800");
            double seconds = new ObjectMapper().readTree(work.resolve("reports/four-seconds/kpi.json").toFile())
                    .get("durationSeconds").asDouble();
            // versions: QUEUED (1), start-next (2), "fetching" (3), the progress updates, the final update
            long progressUpdates = measured.versionNumber() - 4;
            assertThat(seconds).isGreaterThan(3.9);
            assertThat(progressUpdates).as("progress updates in a %.1f s replay (version %d)", seconds,
                            measured.versionNumber())
                    .isBetween(1L, (long) Math.ceil(seconds));

            Map<String, String> progress = awaitProgress(iot, "a-minute", thing);
            assertThat(progress).containsEntry("step", "replaying").containsKeys("percent", "frames",
                    "latenessP99Us");
            assertThat(Integer.parseInt(progress.get("percent"))).isBetween(0, 100);
            iot.cancelJob(b -> b.jobId("a-minute").force(true));

            JobExecution next = awaitEnd(iot, "after-the-cancel", thing);
            assertThat(next.status()).isEqualTo(JobExecutionStatus.SUCCEEDED);
            JobExecution cancelled = iot.describeJobExecution(b -> b.jobId("a-minute").thingName(thing)).execution();
            assertThat(cancelled.status()).isEqualTo(JobExecutionStatus.CANCELED);
            // the rig took the next job only once the cancelled replay had stopped, long before its minute was over
            long sent = new ObjectMapper().readTree(work.resolve("reports/a-minute/kpi.json").toFile())
                    .get("totals").get("sent").asLong();
            assertThat(sent).isPositive().isLessThan(12_000);
        }
    }

    /** The execution's status details once they carry a progress report (a {@code frames} key). */
    private static Map<String, String> awaitProgress(IotClient iot, String jobId, String thing) {
        return await("a progress report in " + jobId + "'s status details").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    JobExecution execution = iot.describeJobExecution(b -> b.jobId(jobId).thingName(thing))
                            .execution();
                    return execution.statusDetails() == null ? Map.<String, String>of()
                            : execution.statusDetails().detailsMap();
                }, details -> details.containsKey("frames"));
    }
}
