package io.fleet.cloud.jobs;

import static io.fleet.cloud.jobs.DeviceJobsIT.DOCUMENT;
import static io.fleet.cloud.jobs.DeviceJobsIT.jobsClient;
import static io.fleet.cloud.jobs.DeviceJobsIT.startNext;
import static io.fleet.cloud.jobs.DeviceJobsIT.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.cloud.AdjustableClock;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.JobExecution;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;
import software.amazon.awssdk.services.iot.model.RetryableFailureType;

/**
 * Step and in-progress timeouts and retries, on a cloud of its own whose clock the test moves forward instead of
 * waiting minutes. The deadlines live in PostgreSQL: one set before a restart still times the execution out after
 * it.
 */
class JobTimeoutsIT {

    private static final AdjustableClock CLOCK = AdjustableClock.ticking();
    private static RunningCloud cloud;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        cloud = RunningCloud.start(config -> config, CLOCK);
        iot = RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback");
    }

    @AfterAll
    static void stop() {
        iot.close();
        cloud.close();
    }

    private static String thing(String name) {
        iot.createThing(b -> b.thingName(name));
        return iot.describeThing(b -> b.thingName(name)).thingArn();
    }

    /** The execution once the timeout sweep (every second) has moved it to {@code status}. */
    private static JobExecution awaitStatus(String thing, String jobId, JobExecutionStatus status) throws Exception {
        return await(thing + " / " + jobId + " " + status).atMost(Duration.ofSeconds(DeviceJobsIT.TIMEOUT_S))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> iot.describeJobExecution(b -> b.thingName(thing).jobId(jobId)).execution(),
                        execution -> execution.status() == status);
    }

    @Test
    void anInProgressTimeoutTimesOutAndRetriesUpToTheConfiguredAttempts() throws Exception {
        String arn = thing("timeout-rig-1");
        iot.createJob(b -> b.jobId("timeout-job-1").targets(arn).document(DOCUMENT)
                .timeoutConfig(t -> t.inProgressTimeoutInMinutes(10L))
                .jobExecutionsRetryConfig(r -> r.criteriaList(c -> c.failureType(RetryableFailureType.TIMED_OUT)
                        .numberOfRetries(1))));
        try (AwsDeviceClient device = cloud.device("timeout-rig-1"); IotJobsV2Client jobs = jobsClient(device)) {
            long firstNumber = startNext(jobs, "timeout-rig-1", null, null).execution.executionNumber;
            CLOCK.advance(Duration.ofMinutes(9));
            assertThat(cloud.service().jobs().sweepTimeoutsNow()).as("a sweep at 9 of 10 minutes: nothing is due")
                    .isZero();
            JobExecution running = iot.describeJobExecution(b -> b.thingName("timeout-rig-1")
                    .jobId("timeout-job-1")).execution();
            assertThat(running.status()).isEqualTo(JobExecutionStatus.IN_PROGRESS);
            assertThat(running.approximateSecondsBeforeTimedOut()).isBetween(1L, 60L);

            CLOCK.advance(Duration.ofMinutes(2));
            JobExecution retried = awaitStatus("timeout-rig-1", "timeout-job-1", JobExecutionStatus.QUEUED);
            assertThat(retried.executionNumber()).as("a retry is a new execution").isGreaterThan(firstNumber);
            assertThat(iot.listJobExecutionsForThing(b -> b.thingName("timeout-rig-1")).executionSummaries())
                    .singleElement().satisfies(s -> assertThat(s.jobExecutionSummary().retryAttempt()).isEqualTo(1));

            assertThat(startNext(jobs, "timeout-rig-1", null, null).execution.status)
                    .isEqualTo(JobStatus.IN_PROGRESS);
            CLOCK.advance(Duration.ofMinutes(11));
            awaitStatus("timeout-rig-1", "timeout-job-1", JobExecutionStatus.TIMED_OUT);
        }
        var job = iot.describeJob(b -> b.jobId("timeout-job-1")).job();
        assertThat(job.statusAsString()).as("no attempt left").isEqualTo("COMPLETED");
        assertThat(job.jobProcessDetails().numberOfTimedOutThings()).isEqualTo(1);
    }

    @Test
    void aStepTimeoutSetByTheDeviceTimesOutAFailedExecutionIsRetried() throws Exception {
        String arn = thing("timeout-rig-2");
        iot.createJob(b -> b.jobId("timeout-job-2").targets(arn).document(DOCUMENT)
                .jobExecutionsRetryConfig(r -> r.criteriaList(c -> c.failureType(RetryableFailureType.FAILED)
                        .numberOfRetries(1))));
        try (AwsDeviceClient device = cloud.device("timeout-rig-2"); IotJobsV2Client jobs = jobsClient(device)) {
            startNext(jobs, "timeout-rig-2", null, null);
            jobs.updateJobExecution(update("timeout-rig-2", "timeout-job-2", JobStatus.FAILED))
                    .get(DeviceJobsIT.TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(awaitStatus("timeout-rig-2", "timeout-job-2", JobExecutionStatus.QUEUED).versionNumber())
                    .as("FAILED retried at once").isEqualTo(1);

            startNext(jobs, "timeout-rig-2", null, 5L);
            CLOCK.advance(Duration.ofMinutes(6));
            awaitStatus("timeout-rig-2", "timeout-job-2", JobExecutionStatus.TIMED_OUT);
        }
        assertThat(iot.describeJob(b -> b.jobId("timeout-job-2")).job().statusAsString()).isEqualTo("COMPLETED");
    }

    @Test
    void aStepDeadlineSurvivesARestartOfTheService() throws Exception {
        String arn = thing("timeout-rig-3");
        iot.createJob(b -> b.jobId("timeout-job-3").targets(arn).document(DOCUMENT));
        try (AwsDeviceClient device = cloud.device("timeout-rig-3"); IotJobsV2Client jobs = jobsClient(device)) {
            startNext(jobs, "timeout-rig-3", null, 3L);
        }

        cloud.restart();
        CLOCK.advance(Duration.ofMinutes(4));

        assertThat(awaitStatus("timeout-rig-3", "timeout-job-3", JobExecutionStatus.TIMED_OUT).startedAt())
                .as("the execution the device started before the restart").isNotNull();
    }
}
