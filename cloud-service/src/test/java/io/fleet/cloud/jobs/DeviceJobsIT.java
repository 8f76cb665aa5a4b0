package io.fleet.cloud.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.registry.RegistryClients;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The Jobs device API over MQTT judged by the unmodified AWS IoT Device SDK v2 {@link IotJobsV2Client} against the
 * embedded broker, with jobs made by the AWS SDK's {@link IotClient}
 * (https://docs.aws.amazon.com/iot/latest/developerguide/jobs-mqtt-api.html).
 */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class DeviceJobsIT {

    static final long TIMEOUT_S = 15;
    static final String DOCUMENT = "{\"operation\":\"replay\",\"driveLog\":\"s3://logs/drive-1.mf4\"}";
    private static IotClient iot;

    @BeforeAll
    static void connect(IotClient client) {
        iot = client;
    }

    static IotJobsV2Client jobsClient(AwsDeviceClient device) {
        return IotJobsV2Client.newFromMqtt5(device.mqtt5Client(), MqttRequestResponseClientOptions.builder()
                .withMaxRequestResponseSubscriptions(6).withMaxStreamingSubscriptions(4)
                .withOperationTimeoutSeconds(10).build());
    }

    /** A thing, and a job for it alone. */
    static void jobFor(IotClient iot, String thing, String jobId) {
        if (iot.listThings(b -> b.maxResults(250)).things().stream().noneMatch(t -> t.thingName().equals(thing))) {
            iot.createThing(b -> b.thingName(thing));
        }
        String arn = iot.describeThing(b -> b.thingName(thing)).thingArn();
        iot.createJob(b -> b.jobId(jobId).targets(arn).document(DOCUMENT));
    }

    static UpdateJobExecutionRequest update(String thing, String jobId, JobStatus status) {
        UpdateJobExecutionRequest request = new UpdateJobExecutionRequest();
        request.thingName = thing;
        request.jobId = jobId;
        request.status = status;
        return request;
    }

    static StartNextJobExecutionResponse startNext(IotJobsV2Client jobs, String thing, Map<String, String> details,
                                                   Long stepTimeout) throws Exception {
        StartNextPendingJobExecutionRequest request = new StartNextPendingJobExecutionRequest();
        request.thingName = thing;
        request.statusDetails = details == null ? null : new HashMap<>(details);
        request.stepTimeoutInMinutes = stepTimeout;
        try {
            return jobs.startNextPendingJobExecution(request).get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            V2ErrorResponse error = rejection(e);
            throw new AssertionError("start-next rejected: " + (error == null ? null : error.code + " "
                    + error.message), e);
        }
    }

    static GetPendingJobExecutionsResponse pending(IotJobsV2Client jobs, String thing) throws Exception {
        GetPendingJobExecutionsRequest request = new GetPendingJobExecutionsRequest();
        request.thingName = thing;
        return jobs.getPendingJobExecutions(request).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static V2ErrorResponse rejection(Throwable thrown) {
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(V2ErrorResponseException.class);
        return ((V2ErrorResponseException) cause).getModeledError();
    }

    @Test
    void aJobIsAnnouncedStartedAndSucceedsAndTheJobCompletes(RunningCloud cloud) throws Exception {
        String thing = "jobs-rig-1";
        iot.createThing(b -> b.thingName(thing));
        BlockingQueue<NextJobExecutionChangedEvent> nexts = new LinkedBlockingQueue<>();
        BlockingQueue<JobExecutionsChangedEvent> lists = new LinkedBlockingQueue<>();
        BlockingQueue<Object> subscribed = new LinkedBlockingQueue<>();
        try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobsClient(device);
             StreamingOperation nextStream = jobs.createNextJobExecutionChangedStream(
                     nextSubscription(thing), V2ClientStreamOptions.<NextJobExecutionChangedEvent>builder()
                             .withStreamEventHandler(nexts::add).withSubscriptionEventHandler(subscribed::add)
                             .build());
             StreamingOperation listStream = jobs.createJobExecutionsChangedStream(
                     listSubscription(thing), V2ClientStreamOptions.<JobExecutionsChangedEvent>builder()
                             .withStreamEventHandler(lists::add).withSubscriptionEventHandler(subscribed::add)
                             .build())) {
            nextStream.open();
            listStream.open();
            assertThat(subscribed.poll(TIMEOUT_S, TimeUnit.SECONDS)).as("notify-next subscribed").isNotNull();
            assertThat(subscribed.poll(TIMEOUT_S, TimeUnit.SECONDS)).as("notify subscribed").isNotNull();
            assertThat(pending(jobs, thing).queuedJobs).isEmpty();

            jobFor(iot, thing, "device-job-1");

            NextJobExecutionChangedEvent next = nexts.poll(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(next).as("notify-next").isNotNull();
            assertThat(next.execution.jobId).isEqualTo("device-job-1");
            assertThat(next.execution.status).isEqualTo(JobStatus.QUEUED);
            assertThat(next.execution.jobDocument).containsEntry("operation", "replay");
            JobExecutionsChangedEvent listed = lists.poll(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(listed).as("notify").isNotNull();
            assertThat(listed.jobs.get(JobStatus.QUEUED)).singleElement()
                    .satisfies(s -> assertThat(s.jobId).isEqualTo("device-job-1"));
            GetPendingJobExecutionsResponse queued = pending(jobs, thing);
            assertThat(queued.queuedJobs).singleElement().satisfies(s -> {
                assertThat(s.jobId).isEqualTo("device-job-1");
                assertThat(s.versionNumber).isEqualTo(1);
                assertThat(s.executionNumber).isPositive();
            });

            StartNextJobExecutionResponse started = startNext(jobs, thing, Map.of("step", "download"), 30L);
            assertThat(started.execution.jobId).isEqualTo("device-job-1");
            assertThat(started.execution.thingName).isEqualTo(thing);
            assertThat(started.execution.status).isEqualTo(JobStatus.IN_PROGRESS);
            assertThat(started.execution.statusDetails).containsEntry("step", "download");
            assertThat(started.execution.versionNumber).isEqualTo(2);
            assertThat(started.execution.startedAt).isNotNull();
            assertThat(started.execution.jobDocument).containsEntry("driveLog", "s3://logs/drive-1.mf4");
            assertThat(started.clientToken).as("the client's correlation token, echoed").isNotNull();
            assertThat(pending(jobs, thing).inProgressJobs).singleElement()
                    .satisfies(s -> assertThat(s.jobId).isEqualTo("device-job-1"));
            assertThat(nexts.poll(1, TimeUnit.SECONDS)).as("the next job is the same one").isNull();

            UpdateJobExecutionRequest done = update(thing, "device-job-1", JobStatus.SUCCEEDED);
            done.expectedVersion = 2;
            done.statusDetails = new HashMap<>(Map.of("verdict", "pass"));
            done.includeJobExecutionState = true;
            done.includeJobDocument = true;
            UpdateJobExecutionResponse updated = jobs.updateJobExecution(done).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(updated.executionState.status).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(updated.executionState.versionNumber).isEqualTo(3);
            assertThat(updated.executionState.statusDetails).containsExactly(Map.entry("verdict", "pass"));
            assertThat(updated.jobDocument).containsEntry("operation", "replay");
            assertThat(updated.timestamp).isNotNull();

            NextJobExecutionChangedEvent none = nexts.poll(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(none).as("notify-next once nothing is pending").isNotNull();
            assertThat(none.execution).isNull();
            assertThat(pending(jobs, thing).inProgressJobs).isEmpty();
            var job = iot.describeJob(b -> b.jobId("device-job-1")).job();
            assertThat(job.statusAsString()).isEqualTo("COMPLETED");
            assertThat(job.jobProcessDetails().numberOfSucceededThings()).isEqualTo(1);
            assertThat(job.completedAt()).isNotNull();
        }
    }

    @Test
    void describeGivesTheExecutionWithOrWithoutItsDocumentAndNextNamesTheFirstPending(RunningCloud cloud)
            throws Exception {
        String thing = "jobs-rig-2";
        jobFor(iot, thing, "describe-job-1");
        jobFor(iot, thing, "describe-job-2");
        try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobsClient(device)) {
            DescribeJobExecutionRequest request = new DescribeJobExecutionRequest();
            request.thingName = thing;
            request.jobId = "$next";
            var next = jobs.describeJobExecution(request).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(next.execution.jobId).isEqualTo("describe-job-1");
            assertThat(next.execution.jobDocument).containsEntry("operation", "replay");

            request.jobId = "describe-job-2";
            request.includeJobDocument = false;
            var second = jobs.describeJobExecution(request).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(second.execution.status).isEqualTo(JobStatus.QUEUED);
            assertThat(second.execution.jobDocument).isNull();

            request.executionNumber = second.execution.executionNumber + 100;
            assertThatThrownBy(() -> jobs.describeJobExecution(request).get(TIMEOUT_S, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(rejection(e).code).isEqualTo(RejectedErrorCode.RESOURCE_NOT_FOUND));
        }
    }

    @Test
    void refusedUpdatesCarryAwsErrorCodesAndChangeNothing(RunningCloud cloud) throws Exception {
        String thing = "jobs-rig-3";
        jobFor(iot, thing, "refused-job-1");
        try (AwsDeviceClient device = cloud.device(thing); IotJobsV2Client jobs = jobsClient(device)) {
            startNext(jobs, thing, null, null);

            UpdateJobExecutionRequest stale = update(thing, "refused-job-1", JobStatus.SUCCEEDED);
            stale.expectedVersion = 1;
            V2ErrorResponse mismatch = rejection(catchFailure(() -> jobs.updateJobExecution(stale)));
            assertThat(mismatch.code).isEqualTo(RejectedErrorCode.VERSION_MISMATCH);
            assertThat(mismatch.executionState.status).isEqualTo(JobStatus.IN_PROGRESS);
            assertThat(mismatch.executionState.versionNumber).isEqualTo(2);
            assertThat(mismatch.clientToken).isNotNull();

            V2ErrorResponse unknown = rejection(catchFailure(() -> jobs.updateJobExecution(
                    update(thing, "no-such-job", JobStatus.SUCCEEDED))));
            assertThat(unknown.code).isEqualTo(RejectedErrorCode.RESOURCE_NOT_FOUND);

            V2ErrorResponse requeue = rejection(catchFailure(() -> jobs.updateJobExecution(
                    update(thing, "refused-job-1", JobStatus.QUEUED))));
            assertThat(requeue.code).isEqualTo(RejectedErrorCode.INVALID_REQUEST);
            assertThat(requeue.message).contains("QUEUED");

            UpdateJobExecutionRequest badDetails = update(thing, "refused-job-1", JobStatus.IN_PROGRESS);
            badDetails.statusDetails = new HashMap<>(Map.of("bad name!", "x"));
            V2ErrorResponse details = rejection(catchFailure(() -> jobs.updateJobExecution(badDetails)));
            assertThat(details.code).isEqualTo(RejectedErrorCode.INVALID_REQUEST);
            assertThat(details.message).contains("statusDetails", "bad name!");

            assertThat(pending(jobs, thing).inProgressJobs).singleElement()
                    .satisfies(s -> assertThat(s.versionNumber).as("unchanged by the refusals").isEqualTo(2));

            jobs.updateJobExecution(update(thing, "refused-job-1", JobStatus.FAILED)).get(TIMEOUT_S,
                    TimeUnit.SECONDS);
            V2ErrorResponse ended = rejection(catchFailure(() -> jobs.updateJobExecution(
                    update(thing, "refused-job-1", JobStatus.IN_PROGRESS))));
            assertThat(ended.code).isEqualTo(RejectedErrorCode.INVALID_STATE_TRANSITION);
            assertThat(ended.executionState.status).isEqualTo(JobStatus.FAILED);
        }
    }

    static Throwable catchFailure(Callable<Future<?>> call) {
        try {
            call.call().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the request was accepted");
    }

    static NextJobExecutionChangedSubscriptionRequest nextSubscription(String thing) {
        NextJobExecutionChangedSubscriptionRequest request = new NextJobExecutionChangedSubscriptionRequest();
        request.thingName = thing;
        return request;
    }

    static JobExecutionsChangedSubscriptionRequest listSubscription(String thing) {
        JobExecutionsChangedSubscriptionRequest request = new JobExecutionsChangedSubscriptionRequest();
        request.thingName = thing;
        return request;
    }
}
