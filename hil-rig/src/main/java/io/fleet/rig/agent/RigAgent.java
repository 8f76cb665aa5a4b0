package io.fleet.rig.agent;

import io.fleet.rig.agent.JobDocument.InvalidJobDocument;
import io.fleet.rig.cli.RigCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionSummary;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;

/**
 * A rig that takes replay jobs from AWS IoT Jobs one at a time: on start and on every {@code jobs/notify-next} it
 * starts the next pending execution, validates its document, checks its capabilities, runs the replay and ends the
 * execution SUCCEEDED or FAILED with the verdict and where the results are (status details as the rig/dispatcher
 * contract of issue 13 has them). All job work runs on one thread, so a notify-next during a replay only queues
 * another look for the next job; a {@code jobs/notify} that no longer lists the running execution stops its replay.
 */
public final class RigAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RigAgent.class);
    private static final long TIMEOUT_S = 30;
    /** {@code replay}'s exit code when its {@code --expect} criteria failed. */
    private static final int VERDICT_FAILED = 4;

    private final IotJobsV2Client jobs;
    private final String thing;
    private final Set<String> capabilities;
    private final ReplayJob replay;
    private final RigHealth health;
    private final RigShadow shadow;
    private final Duration healthInterval;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "rig-agent"));
    /** Why the last health check failed, or null when it passed; written on the worker thread only. */
    private volatile String unhealthy;
    private boolean healthReported;
    /** Health checks done since start, passed or failed; see {@link #healthChecks()}. */
    private final AtomicLong healthChecks = new AtomicLong();
    private StreamingOperation notifyNext;
    private StreamingOperation notify;
    /** The job whose replay runs now, or null; read by the jobs/notify handler on the MQTT client's thread. */
    private volatile JobProgress current;

    /**
     * @param health         the check run on start and after a failed job, before the rig takes work
     * @param shadow         where the rig reports health and busy ({@code reported.rig})
     * @param healthInterval how long an unhealthy rig waits before it checks again
     */
    public RigAgent(IotJobsV2Client jobs, String thing, Set<String> capabilities, ReplayJob replay,
                    RigHealth health, RigShadow shadow, Duration healthInterval) {
        this.jobs = jobs;
        this.thing = thing;
        this.capabilities = Set.copyOf(capabilities);
        this.replay = replay;
        this.health = health;
        this.shadow = shadow;
        this.healthInterval = healthInterval;
    }

    /**
     * Fails what a previous run left IN_PROGRESS, subscribes to notify-next and notify and queues a look for the first
     * job; completes once subscribed, before any job runs.
     */
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
            JobExecutionsChangedSubscriptionRequest changes = new JobExecutionsChangedSubscriptionRequest();
            changes.thingName = thing;
            notify = jobs.createJobExecutionsChangedStream(changes,
                    V2ClientStreamOptions.<JobExecutionsChangedEvent>builder()
                            .withStreamEventHandler(this::onPendingJobsChanged).build());
            notify.open();
            worker.execute(this::checkHealthThenWork); // after start's future completes: a job may run for hours
        }, worker);
    }

    private void failLeftovers() throws Exception {
        GetPendingJobExecutionsRequest request = new GetPendingJobExecutionsRequest();
        request.thingName = thing;
        List<JobExecutionSummary> inProgress = jobs.getPendingJobExecutions(request).get(TIMEOUT_S, TimeUnit.SECONDS)
                .inProgressJobs;
        for (JobExecutionSummary execution : inProgress == null ? List.<JobExecutionSummary>of() : inProgress) {
            LOG.warn("job {} was in progress when the rig stopped: failing it", execution.jobId);
            finish(execution.jobId, null, JobStatus.FAILED, Map.of("reason", "rig restarted"));
        }
    }

    private void checkHealthThenWork() {
        if (checkHealth()) {
            takeNextJobs();
        }
    }

    /**
     * Runs the health check and reports it in the shadow when it is the first or the health changed; an unhealthy
     * rig checks again after {@code healthInterval}.
     *
     * @return whether the rig is healthy
     */
    private boolean checkHealth() {
        String reason = health.check();
        boolean changed = !healthReported || !Objects.equals(reason, unhealthy);
        unhealthy = reason;
        if (changed) {
            reportShadow(false);
            healthReported = true;
        }
        healthChecks.incrementAndGet();
        if (reason == null) {
            return true;
        }
        LOG.warn("rig {} is unhealthy, taking no job: {}; checking again in {}", thing, reason, healthInterval);
        worker.schedule(this::checkHealthThenWork, healthInterval.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }

    /**
     * How many health checks the rig has done since it started, passed or failed, each counted once its outcome is
     * in the shadow (when it changed). An unhealthy rig takes no job between two counts, so a caller can see "checked
     * again and still took nothing" without waiting out the health interval on the clock.
     */
    public long healthChecks() {
        return healthChecks.get();
    }

    private void reportShadow(boolean busy) {
        try {
            shadow.report(unhealthy, busy).get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("rig {}: could not report to its shadow: {}", thing, e.toString());
        }
    }

    /**
     * Runs pending jobs until none is left, checking the rig's health after a failed one; errors end the job, never
     * the agent. An unhealthy rig takes no job: its next health check looks again.
     */
    private void takeNextJobs() {
        try {
            JobExecutionData execution;
            while (unhealthy == null && (execution = startNext()) != null) {
                boolean failed = false;
                try {
                    failed = run(execution) == JobStatus.FAILED;
                } catch (ExecutionException e) {
                    LOG.warn("job {}: the service refused an update: {}", execution.jobId, e.getCause().toString());
                }
                if (failed && !checkHealth()) {
                    return;
                }
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

    /** Runs one job to its end; returns the status it ended with, null when it was cancelled on the service. */
    private JobStatus run(JobExecutionData execution) throws Exception {
        String jobId = execution.jobId;
        JobDocument job;
        try {
            job = JobDocument.parse(execution.jobDocument);
        } catch (InvalidJobDocument e) {
            LOG.warn("job {} rejected: {}", jobId, e.getMessage());
            return finish(jobId, null, JobStatus.REJECTED, Map.of("reason", "invalid job document", "field",
                    e.field(), "error", e.getMessage()));
        }
        List<String> missing = job.missingCapabilities(capabilities);
        if (!missing.isEmpty()) {
            LOG.warn("job {} rejected: the rig lacks {}", jobId, missing);
            return finish(jobId, job, JobStatus.REJECTED, Map.of("reason", "missing capabilities "
                    + String.join(",", missing)));
        }
        update(jobId, JobStatus.IN_PROGRESS, Map.of("step", "fetching"));
        reportShadow(true);
        try {
            return replay(jobId, job);
        } finally {
            reportShadow(false);
        }
    }

    private JobStatus replay(String jobId, JobDocument job) throws Exception {
        JobProgress progress = new JobProgress(jobId, details -> send(jobId, JobStatus.IN_PROGRESS, details));
        current = progress;
        ReplayJob.Outcome outcome = null;
        String failure = null;
        try {
            replay.fetchDriveLog(job);
            outcome = progress.cancelled() ? null : replay.run(jobId, job, progress);
        } catch (ReplayJob.Refused e) {
            failure = e.getMessage();
        } catch (Exception e) {
            failure = "replay failed: " + e;
        } finally {
            current = null; // from here on a jobs/notify without the execution is the job's own end
            progress.close();
        }
        if (progress.cancelled()) {
            LOG.info("job {} was cancelled: its replay stopped", jobId);
            return null;
        }
        if (failure != null) {
            LOG.warn("job {} failed: {}", jobId, failure);
            return finish(jobId, job, JobStatus.FAILED, Map.of("reason", failure));
        }
        Map<String, String> details = new HashMap<>(Map.of("verdict", outcome.passed() ? "PASS" : "FAIL",
                "exitCode", Integer.toString(outcome.exitCode()), "results", outcome.resultLocation(),
                "frames", Long.toString(outcome.frames()),
                "latenessP99Us", String.format(Locale.ROOT, "%.1f", outcome.latenessP99Us())));
        if (!outcome.summary().isEmpty()) {
            details.put("summary", outcome.summary());
        }
        if (!outcome.passed()) {
            details.put("reason", outcome.exitCode() == VERDICT_FAILED ? "the pass criteria failed"
                    : "replay ended with exit code " + outcome.exitCode());
        }
        LOG.info("job {} ended: {} ({})", jobId, details.get("verdict"), outcome.resultLocation());
        return finish(jobId, job, outcome.passed() ? JobStatus.SUCCEEDED : JobStatus.FAILED, details);
    }

    /** The execution's last update: the details plus the rig's software version and the job's traceability ids. */
    private JobStatus finish(String jobId, JobDocument job, JobStatus status, Map<String, String> details)
            throws Exception {
        Map<String, String> all = new HashMap<>(details);
        all.put("softwareVersion", RigCommands.version());
        if (job != null && job.campaign() != null) {
            all.put("campaign", job.campaign());
        }
        if (job != null && job.run() != null) {
            all.put("run", job.run());
        }
        update(jobId, status, all);
        return status;
    }

    /** Stops the running replay when jobs/notify no longer lists its execution as pending (cancelled, removed). */
    private void onPendingJobsChanged(JobExecutionsChangedEvent event) {
        JobProgress running = current;
        if (running == null) {
            return;
        }
        boolean pending = event.jobs != null && event.jobs.values().stream().filter(Objects::nonNull)
                .flatMap(List::stream).anyMatch(summary -> running.jobId().equals(summary.jobId));
        if (!pending) {
            running.cancel("jobs/notify no longer lists the execution as pending (cancelled or removed)");
        }
    }

    private void update(String jobId, JobStatus status, Map<String, String> details) throws Exception {
        send(jobId, status, details).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private CompletableFuture<UpdateJobExecutionResponse> send(String jobId, JobStatus status,
                                                               Map<String, String> details) {
        UpdateJobExecutionRequest request = new UpdateJobExecutionRequest();
        request.thingName = thing;
        request.jobId = jobId;
        request.status = status;
        request.statusDetails = new HashMap<>(details);
        return jobs.updateJobExecution(request);
    }

    @Override
    public void close() {
        for (StreamingOperation stream : new StreamingOperation[] {notifyNext, notify}) {
            if (stream != null) {
                stream.close();
            }
        }
        worker.shutdownNow();
    }
}
