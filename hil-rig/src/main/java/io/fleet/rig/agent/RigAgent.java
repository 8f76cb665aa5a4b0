package io.fleet.rig.agent;

import io.fleet.rig.agent.JobDocument.InvalidJobDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionSummary;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;

/**
 * A rig that takes replay jobs from AWS IoT Jobs one at a time: on start and on every {@code jobs/notify-next} it
 * starts the next pending execution, validates its document, checks its capabilities, runs the replay and ends the
 * execution SUCCEEDED or FAILED with the verdict and where the results are. All job work runs on one thread, so a
 * notify-next during a replay only queues another look for the next job.
 */
public final class RigAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RigAgent.class);
    private static final long TIMEOUT_S = 30;

    private final IotJobsV2Client jobs;
    private final String thing;
    private final Set<String> capabilities;
    private final ReplayJob replay;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "rig-agent"));
    private StreamingOperation notifyNext;

    public RigAgent(IotJobsV2Client jobs, String thing, Set<String> capabilities, ReplayJob replay) {
        this.jobs = jobs;
        this.thing = thing;
        this.capabilities = Set.copyOf(capabilities);
        this.replay = replay;
    }

    /** Fails what a previous run left IN_PROGRESS, subscribes to notify-next and looks for the first job. */
    public CompletableFuture<Void> start() {
        return CompletableFuture.runAsync(() -> {
            try {
                failLeftovers();
            } catch (Exception e) {
                throw new IllegalStateException("could not end the executions left in progress: " + e, e);
            }
            NextJobExecutionChangedSubscriptionRequest subscription = new NextJobExecutionChangedSubscriptionRequest();
            subscription.thingName = thing;
            notifyNext = jobs.createNextJobExecutionChangedStream(subscription,
                    V2ClientStreamOptions.<NextJobExecutionChangedEvent>builder()
                            .withStreamEventHandler(event -> worker.execute(this::takeNextJobs)).build());
            notifyNext.open();
            takeNextJobs();
        }, worker);
    }

    private void failLeftovers() throws Exception {
        GetPendingJobExecutionsRequest request = new GetPendingJobExecutionsRequest();
        request.thingName = thing;
        List<JobExecutionSummary> inProgress = jobs.getPendingJobExecutions(request).get(TIMEOUT_S, TimeUnit.SECONDS)
                .inProgressJobs;
        for (JobExecutionSummary execution : inProgress == null ? List.<JobExecutionSummary>of() : inProgress) {
            LOG.warn("job {} was in progress when the rig stopped: failing it", execution.jobId);
            update(execution.jobId, JobStatus.FAILED, Map.of("reason", "rig restarted"));
        }
    }

    /** Runs pending jobs until none is left; errors end the job, never the agent. */
    private void takeNextJobs() {
        try {
            JobExecutionData execution;
            while ((execution = startNext()) != null) {
                run(execution);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the agent stops between jobs
        } catch (Exception e) {
            LOG.error("could not take the next job: {}", e.toString());
        }
    }

    private JobExecutionData startNext() throws Exception {
        StartNextPendingJobExecutionRequest request = new StartNextPendingJobExecutionRequest();
        request.thingName = thing;
        request.statusDetails = new HashMap<>(Map.of("step", "validating"));
        return jobs.startNextPendingJobExecution(request).get(TIMEOUT_S, TimeUnit.SECONDS).execution;
    }

    private void run(JobExecutionData execution) throws Exception {
        String jobId = execution.jobId;
        JobDocument job;
        try {
            job = JobDocument.parse(execution.jobDocument);
        } catch (InvalidJobDocument e) {
            LOG.warn("job {} rejected: {}", jobId, e.getMessage());
            update(jobId, JobStatus.REJECTED, Map.of("reason", "invalid job document", "field", e.field(),
                    "error", e.getMessage()));
            return;
        }
        List<String> missing = job.missingCapabilities(capabilities);
        if (!missing.isEmpty()) {
            LOG.warn("job {} rejected: the rig lacks {}", jobId, missing);
            update(jobId, JobStatus.REJECTED, Map.of("reason", "missing capabilities " + String.join(",", missing)));
            return;
        }
        update(jobId, JobStatus.IN_PROGRESS, Map.of("step", "replaying"));
        ReplayJob.Outcome outcome;
        try {
            outcome = replay.run(jobId, job);
        } catch (Exception e) {
            update(jobId, JobStatus.FAILED, Map.of("reason", "replay failed: " + e));
            return;
        }
        Map<String, String> details = new HashMap<>(Map.of("verdict", outcome.passed() ? "pass" : "fail",
                "exitCode", Integer.toString(outcome.exitCode()), "results", outcome.resultLocation()));
        if (!outcome.summary().isEmpty()) {
            details.put("summary", outcome.summary());
        }
        LOG.info("job {} ended: {} ({})", jobId, details.get("verdict"), outcome.resultLocation());
        update(jobId, outcome.passed() ? JobStatus.SUCCEEDED : JobStatus.FAILED, details);
    }

    private void update(String jobId, JobStatus status, Map<String, String> details) throws Exception {
        UpdateJobExecutionRequest request = new UpdateJobExecutionRequest();
        request.thingName = thing;
        request.jobId = jobId;
        request.status = status;
        request.statusDetails = new HashMap<>(details);
        jobs.updateJobExecution(request).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (notifyNext != null) {
            notifyNext.close();
        }
        worker.shutdownNow();
    }
}
