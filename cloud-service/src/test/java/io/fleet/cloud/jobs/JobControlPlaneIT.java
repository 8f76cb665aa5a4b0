package io.fleet.cloud.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.registry.RegistryClients;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateJobResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.Job;
import software.amazon.awssdk.services.iot.model.JobStatus;
import software.amazon.awssdk.services.iot.model.JobSummary;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.RetryableFailureType;
import software.amazon.awssdk.services.iot.model.TargetSelection;

/** CreateJob, DescribeJob and ListJobs judged by the AWS SDK's own {@link IotClient} against the running service. */
@ExtendWith(RegistryClients.class)
class JobControlPlaneIT {

    private static final String DOCUMENT = "{\"operation\":\"replay\",\"driveLog\":\"s3://logs/drive-1.mf4\"}";
    private static IotClient iot;

    @BeforeAll
    static void connect(IotClient client) {
        iot = client;
    }

    private static String thingArn(String name) {
        return iot.describeThing(b -> b.thingName(name)).thingArn();
    }

    @Test
    void aJobToAThingAndAGroupQueuesOneExecutionPerThingAndIsDescribedAsCreated() {
        for (String rig : List.of("job-rig-1", "job-rig-2", "job-rig-3")) {
            iot.createThing(b -> b.thingName(rig));
        }
        String poolArn = iot.createThingGroup(b -> b.thingGroupName("job-pool")).thingGroupArn();
        iot.createThingGroup(b -> b.thingGroupName("job-pool-canfd").parentGroupName("job-pool"));
        iot.addThingToThingGroup(b -> b.thingGroupName("job-pool").thingName("job-rig-1"));
        iot.addThingToThingGroup(b -> b.thingGroupName("job-pool").thingName("job-rig-2"));
        iot.addThingToThingGroup(b -> b.thingGroupName("job-pool-canfd").thingName("job-rig-3"));
        Instant before = Instant.now().minusSeconds(1);

        CreateJobResponse created = iot.createJob(b -> b.jobId("replay-1").targets(thingArn("job-rig-1"), poolArn)
                .document(DOCUMENT).description("replay drive 1")
                .timeoutConfig(t -> t.inProgressTimeoutInMinutes(30L))
                .jobExecutionsRetryConfig(r -> r.criteriaList(c -> c.failureType(RetryableFailureType.FAILED)
                        .numberOfRetries(2))));

        assertThat(created.jobId()).isEqualTo("replay-1");
        assertThat(created.jobArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:job/replay-1");
        assertThat(created.description()).isEqualTo("replay drive 1");
        Job job = iot.describeJob(b -> b.jobId("replay-1")).job();
        assertThat(job.jobArn()).isEqualTo(created.jobArn());
        assertThat(job.status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(job.targetSelection()).isEqualTo(TargetSelection.SNAPSHOT);
        assertThat(job.targets()).containsExactly(thingArn("job-rig-1"), poolArn);
        assertThat(job.description()).isEqualTo("replay drive 1");
        assertThat(job.timeoutConfig().inProgressTimeoutInMinutes()).isEqualTo(30L);
        assertThat(job.jobExecutionsRetryConfig().criteriaList()).singleElement().satisfies(c -> {
            assertThat(c.failureType()).isEqualTo(RetryableFailureType.FAILED);
            assertThat(c.numberOfRetries()).isEqualTo(2);
        });
        // job-rig-1 is targeted twice (by ARN and through the group), job-rig-3 through the child group: 3 things
        assertThat(job.jobProcessDetails().numberOfQueuedThings()).isEqualTo(3);
        assertThat(job.jobProcessDetails().numberOfInProgressThings()).isZero();
        assertThat(job.createdAt()).isAfter(before).isEqualTo(job.lastUpdatedAt());
        assertThat(job.completedAt()).isNull();
    }

    @Test
    void aJobIdIsCreatedOnce() {
        iot.createThing(b -> b.thingName("job-once-rig"));
        String target = thingArn("job-once-rig");
        iot.createJob(b -> b.jobId("job-once").targets(target).document(DOCUMENT));

        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job-once").targets(target).document("{}")))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.resourceId()).isEqualTo("job-once");
                    assertThat(e.resourceArn()).endsWith(":job/job-once");
                });
        assertThat(iot.describeJob(b -> b.jobId("job-once")).job().jobProcessDetails().numberOfQueuedThings())
                .isEqualTo(1);
    }

    @Test
    void refusedJobsSayWhyAndAreNotCreated() {
        iot.createThing(b -> b.thingName("job-refused-rig"));
        String target = thingArn("job-refused-rig");

        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job-refused").targets(target)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("document is required"));
        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job-refused").targets(target).document("{\"a\":")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("document is not valid JSON", "line 1"));
        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job-refused").targets(target)
                .documentSource("https://s3.amazonaws.com/bucket/job.json")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("documentSource is not supported"));
        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job-refused").document(DOCUMENT)
                .targets("arn:aws:iot:eu-west-1:123456789012:thing/elsewhere")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("targets", "elsewhere"));
        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job-refused").document(DOCUMENT)
                .targets(target.replace("job-refused-rig", "job-no-such-rig"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Thing job-no-such-rig cannot be found."));
        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job-refused").targets(target).document(DOCUMENT)
                .timeoutConfig(t -> t.inProgressTimeoutInMinutes(0L))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("inProgressTimeoutInMinutes 0"));
        assertThatThrownBy(() -> iot.createJob(b -> b.jobId("job refused").targets(target).document(DOCUMENT)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("jobId"));

        assertThatThrownBy(() -> iot.describeJob(b -> b.jobId("job-refused")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Job job-refused cannot be found."));
    }

    @Test
    void listJobsPagesAndFiltersByTargetedGroupAndStatus() {
        iot.createThing(b -> b.thingName("list-job-rig"));
        String groupArn = iot.createThingGroup(b -> b.thingGroupName("list-job-pool")).thingGroupArn();
        iot.addThingToThingGroup(b -> b.thingGroupName("list-job-pool").thingName("list-job-rig"));
        for (String id : List.of("list-job-a", "list-job-b", "list-job-c")) {
            iot.createJob(b -> b.jobId(id).targets(groupArn).document(DOCUMENT));
        }

        var firstPage = iot.listJobs(b -> b.thingGroupName("list-job-pool").maxResults(2));
        assertThat(firstPage.jobs()).extracting(JobSummary::jobId).containsExactly("list-job-a", "list-job-b");
        assertThat(firstPage.jobs().get(0).status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(firstPage.jobs().get(0).jobArn()).endsWith(":job/list-job-a");
        assertThat(firstPage.jobs().get(0).createdAt()).isNotNull();
        assertThat(firstPage.nextToken()).isNotNull();
        assertThat(iot.listJobsPaginator(b -> b.thingGroupName("list-job-pool").maxResults(2)).jobs().stream()
                .map(JobSummary::jobId)).containsExactly("list-job-a", "list-job-b", "list-job-c");

        assertThat(iot.listJobs(b -> b.thingGroupName("list-job-pool").status(JobStatus.COMPLETED)).jobs()).isEmpty();
        assertThat(iot.listJobsPaginator(b -> b.status(JobStatus.IN_PROGRESS)).jobs().stream()
                .map(JobSummary::jobId)).contains("list-job-a", "list-job-b", "list-job-c");
        assertThatThrownBy(() -> iot.listJobs(b -> b.maxResults(0)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("maxResults '0'"));
    }
}
