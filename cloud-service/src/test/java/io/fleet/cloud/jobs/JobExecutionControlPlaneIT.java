package io.fleet.cloud.jobs;

import static io.fleet.cloud.jobs.DeviceJobsIT.DOCUMENT;
import static io.fleet.cloud.jobs.DeviceJobsIT.catchFailure;
import static io.fleet.cloud.jobs.DeviceJobsIT.jobsClient;
import static io.fleet.cloud.jobs.DeviceJobsIT.pending;
import static io.fleet.cloud.jobs.DeviceJobsIT.rejection;
import static io.fleet.cloud.jobs.DeviceJobsIT.startNext;
import static io.fleet.cloud.jobs.DeviceJobsIT.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.InvalidStateTransitionException;
import software.amazon.awssdk.services.iot.model.JobExecution;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.VersionConflictException;

/**
 * GetJobDocument, the execution listings, DescribeJobExecution, CancelJob, CancelJobExecution and DeleteJob judged
 * by the AWS SDK's {@link IotClient}, with devices moving executions through the device SDK's
 * {@link IotJobsV2Client}.
 */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class JobExecutionControlPlaneIT {

    private static IotClient iot;

    @BeforeAll
    static void connect(IotClient client) {
        iot = client;
    }

    /** Things that exist, and a job for them all. */
    private static void job(String jobId, String... things) {
        String[] arns = new String[things.length];
        for (int i = 0; i < things.length; i++) {
            String thing = things[i];
            iot.createThing(b -> b.thingName(thing));
            arns[i] = iot.describeThing(b -> b.thingName(thing)).thingArn();
        }
        iot.createJob(b -> b.jobId(jobId).targets(arns).document(DOCUMENT));
    }

    private static JobExecution execution(String thing, String jobId) {
        return iot.describeJobExecution(b -> b.thingName(thing).jobId(jobId)).execution();
    }

    @Test
    void documentListingsAndDescriptionShowWhatTheDevicesDid(RunningCloud cloud) throws Exception {
        job("listed-job", "list-rig-1", "list-rig-2");
        try (AwsDeviceClient device = cloud.device("list-rig-2"); IotJobsV2Client jobs = jobsClient(device)) {
            startNext(jobs, "list-rig-2", Map.of("progress", "40%"), null);
        }

        assertThat(iot.getJobDocument(b -> b.jobId("listed-job")).document()).isEqualTo(DOCUMENT);
        var ofJob = iot.listJobExecutionsForJob(b -> b.jobId("listed-job")).executionSummaries();
        assertThat(ofJob).extracting(s -> s.thingArn().substring(s.thingArn().lastIndexOf('/') + 1))
                .containsExactly("list-rig-1", "list-rig-2");
        assertThat(ofJob).extracting(s -> s.jobExecutionSummary().status())
                .containsExactly(JobExecutionStatus.QUEUED, JobExecutionStatus.IN_PROGRESS);
        assertThat(iot.listJobExecutionsForJob(b -> b.jobId("listed-job").status(JobExecutionStatus.IN_PROGRESS))
                .executionSummaries()).hasSize(1);
        var ofThing = iot.listJobExecutionsForThing(b -> b.thingName("list-rig-2")).executionSummaries();
        assertThat(ofThing).singleElement().satisfies(s -> {
            assertThat(s.jobId()).isEqualTo("listed-job");
            assertThat(s.jobExecutionSummary().startedAt()).isNotNull();
            assertThat(s.jobExecutionSummary().retryAttempt()).isZero();
        });

        JobExecution described = execution("list-rig-2", "listed-job");
        assertThat(described.status()).isEqualTo(JobExecutionStatus.IN_PROGRESS);
        assertThat(described.statusDetails().detailsMap()).containsExactly(Map.entry("progress", "40%"));
        assertThat(described.versionNumber()).isEqualTo(2);
        assertThat(described.thingArn()).endsWith(":thing/list-rig-2");
        assertThat(described.forceCanceled()).isFalse();
        long number = described.executionNumber();
        assertThatThrownBy(() -> iot.describeJobExecution(b -> b.thingName("list-rig-2").jobId("listed-job")
                .executionNumber(number + 1))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.getJobDocument(b -> b.jobId("no-such-job")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void cancelingAJobCancelsInProgressExecutionsOnlyWithForce(RunningCloud cloud) throws Exception {
        job("canceled-job", "cancel-rig-1", "cancel-rig-2");
        try (AwsDeviceClient device = cloud.device("cancel-rig-2"); IotJobsV2Client jobs = jobsClient(device)) {
            startNext(jobs, "cancel-rig-2", null, null);

            assertThatThrownBy(() -> iot.cancelJob(b -> b.jobId("canceled-job").reasonCode("lower-case")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage()).contains("reasonCode"));
            assertThat(execution("cancel-rig-1", "canceled-job").status()).as("a refused cancel changes nothing")
                    .isEqualTo(JobExecutionStatus.QUEUED);

            var canceled = iot.cancelJob(b -> b.jobId("canceled-job").reasonCode("RIG_POOL_DRAINED")
                    .comment("rack 3 goes to the lab"));
            assertThat(canceled.jobId()).isEqualTo("canceled-job");
            var job = iot.describeJob(b -> b.jobId("canceled-job")).job();
            assertThat(job.statusAsString()).isEqualTo("CANCELED");
            assertThat(job.reasonCode()).isEqualTo("RIG_POOL_DRAINED");
            assertThat(job.comment()).isEqualTo("rack 3 goes to the lab");
            assertThat(execution("cancel-rig-1", "canceled-job").status()).isEqualTo(JobExecutionStatus.CANCELED);
            assertThat(execution("cancel-rig-2", "canceled-job").status())
                    .as("IN_PROGRESS stays without force").isEqualTo(JobExecutionStatus.IN_PROGRESS);

            iot.cancelJob(b -> b.jobId("canceled-job").force(true));
            JobExecution forced = execution("cancel-rig-2", "canceled-job");
            assertThat(forced.status()).isEqualTo(JobExecutionStatus.CANCELED);
            assertThat(forced.forceCanceled()).isTrue();
            assertThat(pending(jobs, "cancel-rig-2").inProgressJobs).isEmpty();
            var late = rejection(catchFailure(() -> jobs.updateJobExecution(
                    update("cancel-rig-2", "canceled-job", JobStatus.SUCCEEDED))));
            assertThat(late.code).isEqualTo(RejectedErrorCode.TERMINAL_STATE_REACHED);
            assertThat(late.executionState.status).isEqualTo(JobStatus.CANCELED);
        }
    }

    @Test
    void cancelingAnExecutionChecksItsStateAndVersion(RunningCloud cloud) throws Exception {
        job("one-canceled-job", "cancel-one-rig-1", "cancel-one-rig-2");
        iot.cancelJobExecution(b -> b.thingName("cancel-one-rig-1").jobId("one-canceled-job"));
        assertThat(execution("cancel-one-rig-1", "one-canceled-job").status())
                .isEqualTo(JobExecutionStatus.CANCELED);
        assertThatThrownBy(() -> iot.cancelJobExecution(b -> b.thingName("cancel-one-rig-1")
                .jobId("one-canceled-job"))).isInstanceOf(InvalidStateTransitionException.class);

        try (AwsDeviceClient device = cloud.device("cancel-one-rig-2"); IotJobsV2Client jobs = jobsClient(device)) {
            startNext(jobs, "cancel-one-rig-2", null, null);
        }
        assertThatThrownBy(() -> iot.cancelJobExecution(b -> b.thingName("cancel-one-rig-2")
                .jobId("one-canceled-job"))).isInstanceOf(InvalidStateTransitionException.class);
        assertThatThrownBy(() -> iot.cancelJobExecution(b -> b.thingName("cancel-one-rig-2")
                .jobId("one-canceled-job").force(true).expectedVersion(1L)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(execution("cancel-one-rig-2", "one-canceled-job").status())
                .isEqualTo(JobExecutionStatus.IN_PROGRESS);

        iot.cancelJobExecution(b -> b.thingName("cancel-one-rig-2").jobId("one-canceled-job").force(true)
                .expectedVersion(2L).statusDetails(Map.of("reason", "rig needed elsewhere")));
        JobExecution canceled = execution("cancel-one-rig-2", "one-canceled-job");
        assertThat(canceled.status()).isEqualTo(JobExecutionStatus.CANCELED);
        assertThat(canceled.statusDetails().detailsMap()).containsEntry("reason", "rig needed elsewhere");
        assertThat(iot.describeJob(b -> b.jobId("one-canceled-job")).job().statusAsString())
                .as("every execution ended").isEqualTo("COMPLETED");
    }

    @Test
    void aJobInProgressIsDeletedOnlyWithForceAndLeavesTheDevicesPendingList(RunningCloud cloud) throws Exception {
        job("deleted-job", "delete-rig");
        assertThatThrownBy(() -> iot.deleteJob(b -> b.jobId("deleted-job")))
                .isInstanceOf(InvalidStateTransitionException.class);
        assertThatThrownBy(() -> iot.deleteJob(b -> b.jobId("deleted-job").force(true).namespaceId("fleet")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("namespaceId"));
        assertThat(iot.describeJob(b -> b.jobId("deleted-job")).job().jobId()).as("still there").isNotNull();

        iot.deleteJob(b -> b.jobId("deleted-job").force(true));

        assertThatThrownBy(() -> iot.describeJob(b -> b.jobId("deleted-job")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(iot.listJobExecutionsForThing(b -> b.thingName("delete-rig")).executionSummaries()).isEmpty();
        try (AwsDeviceClient device = cloud.device("delete-rig"); IotJobsV2Client jobs = jobsClient(device)) {
            assertThat(pending(jobs, "delete-rig").queuedJobs).isEmpty();
        }
    }
}
