package io.fleet.cloud.jobs;

import io.fleet.cloud.controlplane.AsyncTransactions;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.registry.ResourceArns;
import io.fleet.cloud.registry.ThingStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS IoT Jobs control plane in PostgreSQL: CreateJob (SNAPSHOT jobs to things and thing groups, queuing one
 * execution per targeted thing, a group's descendant groups included), DescribeJob, ListJobs, GetJobDocument,
 * ListJobExecutionsForJob / ForThing, DescribeJobExecution, CancelJob, CancelJobExecution and DeleteJob. Each call
 * is one transaction; a refused request changes nothing. Things whose pending executions changed are told through
 * {@code jobs/notify} and {@code jobs/notify-next} after the commit.
 *
 * <p>Threads: every method returns at once; the work runs on {@code executor}, refusals come back as futures failed
 * with a {@link ControlPlaneException}.
 */
public final class JobControlPlane {

    private static final Logger LOG = LoggerFactory.getLogger(JobControlPlane.class);
    static final Set<String> JOB_STATUSES = Set.of("IN_PROGRESS", "CANCELED", "COMPLETED", "DELETION_IN_PROGRESS",
            "SCHEDULED");
    static final Set<String> TARGET_SELECTIONS = Set.of("SNAPSHOT", "CONTINUOUS");

    private final AsyncTransactions transactions;
    private final Clock clock;
    private final ResourceArns arns;
    private final JobStore jobs = new JobStore();
    private final ThingStore things = new ThingStore();
    private final JobExecutionStore executions = new JobExecutionStore();
    private final JobCancellation cancellation = new JobCancellation(jobs, executions);
    private final JobTimeouts timeouts = new JobTimeouts(executions, new ExecutionLifecycle(jobs, executions));
    private volatile BiConsumer<String, byte[]> notifications = (topic, payload) -> { };

    public JobControlPlane(DataSource dataSource, Executor executor, Clock clock, ResourceArns arns) {
        this.transactions = new AsyncTransactions(dataSource, executor);
        this.clock = clock;
        this.arns = arns;
    }

    /** From now on, {@code jobs/notify} and {@code jobs/notify-next} go to {@code publisher} (topic, payload). */
    public void publishNotificationsTo(BiConsumer<String, byte[]> publisher) {
        this.notifications = publisher;
    }

    public ResourceArns arns() {
        return arns;
    }

    /**
     * The job as created, IN_PROGRESS, with an execution QUEUED for every thing it targets; each thing is told
     * through {@code jobs/notify} (and {@code jobs/notify-next} when the new job is its next one) after the commit.
     */
    public CompletableFuture<Job> createJob(JobSpec spec) {
        return transactions.run(c -> create(c, spec)).thenApply(this::published);
    }

    /**
     * CreateJob inside the caller's transaction {@code c} (the campaign dispatcher's: a lease and its job commit
     * together or not at all). Returns what tells the targeted things; run it once {@code c} committed.
     *
     * @throws ControlPlaneException when the job is refused (the caller rolls back)
     */
    public Runnable createJob(Connection c, JobSpec spec) throws SQLException {
        Changed<Job> changed = create(c, spec);
        return () -> published(changed);
    }

    private Changed<Job> create(Connection c, JobSpec spec) throws SQLException {
        Set<String> targetThings = resolveTargets(c, spec);
        long now = clock.millis();
        Job job = new Job(spec, "SNAPSHOT", "IN_PROGRESS", now, now, null,
                Map.of("QUEUED", targetThings.size()), null, null);
        PendingChanges changes = PendingChanges.lock(c, executions, targetThings);
        if (!jobs.insert(c, job)) {
            throw ControlPlaneException.alreadyExists("Job " + spec.jobId() + " already exists", spec.jobId(),
                    arns.job(spec.jobId()));
        }
        jobs.queueExecutions(c, spec.jobId(), targetThings, now);
        return new Changed<>(job, changes.events(c, now));
    }

    /** The job's document, as it was given at CreateJob. */
    public CompletableFuture<String> jobDocument(String jobId) {
        return transactions.run(c -> existing(c, jobId).spec().document());
    }

    /** The job's executions in thing order, {@code status} null for all. */
    public CompletableFuture<Page<JobExecution>> executionsOfJob(String jobId, String status, String nextToken,
                                                                 int maxResults) {
        return transactions.run(c -> {
            existing(c, jobId);
            return Page.of(executions.page(c, true, jobId, executionStatus(status), Page.after(nextToken),
                    maxResults + 1), maxResults, JobExecution::thingName);
        });
    }

    /** The thing's executions in job order, {@code status} null for all. */
    public CompletableFuture<Page<JobExecution>> executionsOfThing(String thing, String status, String nextToken,
                                                                   int maxResults) {
        return transactions.run(c -> Page.of(executions.page(c, false, thing, executionStatus(status),
                Page.after(nextToken), maxResults + 1), maxResults, JobExecution::jobId));
    }

    /** One execution; {@code executionNumber} null for the thing's execution of the job, whichever number. */
    public CompletableFuture<JobExecution> describeExecution(String thing, String jobId, Long executionNumber) {
        return transactions.run(c -> executions.execution(c, thing, JobSpec.jobId(jobId))
                .filter(e -> executionNumber == null || e.executionNumber() == executionNumber)
                .orElseThrow(() -> ControlPlaneException.notFound("Job execution of job " + jobId + " on thing "
                        + thing + (executionNumber == null ? "" : " with executionNumber " + executionNumber)
                        + " cannot be found.")));
    }

    /** CANCELED, with its QUEUED executions (and with {@code force} its IN_PROGRESS ones) canceled. */
    public CompletableFuture<Job> cancelJob(String jobId, boolean force, String reasonCode, String comment) {
        return transactions.run(c -> {
            Job job = existing(c, jobId);
            var events = cancellation.cancelJob(c, job, force, clock.millis());
            jobs.setCancelReason(c, jobId, reasonCode, comment);
            return new Changed<>(job, events);
        }).thenApply(this::published);
    }

    public CompletableFuture<Void> cancelExecution(String thing, String jobId, boolean force, Long expectedVersion,
                                                   Map<String, String> statusDetails) {
        return transactions.run(c -> new Changed<Void>(null, cancellation.cancelExecution(c, thing,
                JobSpec.jobId(jobId), force, expectedVersion, statusDetails, clock.millis())))
                .thenApply(this::published);
    }

    /** Deletes the job and its executions; an IN_PROGRESS job only with {@code force}. */
    public CompletableFuture<Void> deleteJob(String jobId, boolean force) {
        return transactions.run(c -> new Changed<Void>(null, cancellation.deleteJob(c, existing(c, jobId), force,
                clock.millis()))).thenApply(this::published);
    }

    /**
     * Checks for due timeouts every {@code period} until closed (one thread, "job-timeouts"); a sweep that finds a
     * full batch goes on at once.
     */
    public AutoCloseable startTimeouts(Duration period) {
        ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r,
                "job-timeouts"));
        sweeps.scheduleWithFixedDelay(() -> {
            try {
                sweepTimeoutsNow();
            } catch (RuntimeException e) {
                if (e.getCause() instanceof RejectedExecutionException) {
                    LOG.debug("job timeout sweep skipped: the control-plane threads are shutting down");
                } else {
                    LOG.warn("job timeout sweep failed; trying again in {}", period, e);
                }
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return sweeps::shutdownNow;
    }

    /**
     * One timeout sweep at the clock's now, as the "job-timeouts" thread runs it every period: times out (and
     * retries) every execution whose deadline has passed, a batch per transaction, and tells the things concerned.
     * Blocks the caller until done, so whoever moved the clock (a test, an operator's check) knows what is due.
     *
     * @return how many executions were due
     * @throws CompletionException when a transaction failed
     */
    public int sweepTimeoutsNow() {
        int total = 0;
        int due;
        do {
            JobTimeouts.Swept swept = transactions.run(c -> timeouts.timeOutDue(c, clock.millis())).join();
            due = published(new Changed<>(swept.due(), swept.events()));
            total += due;
        } while (due >= JobTimeouts.BATCH);
        return total;
    }

    private Job existing(Connection c, String jobId) throws SQLException {
        return jobs.job(c, JobSpec.jobId(jobId)).orElseThrow(() ->
                ControlPlaneException.notFound("Job " + jobId + " cannot be found."));
    }

    private static String executionStatus(String status) {
        if (status != null && ExecutionStatus.parse(status) == null) {
            throw ControlPlaneException.invalid("status '" + status + "' must be one of "
                    + Arrays.toString(ExecutionStatus.values()));
        }
        return status;
    }

    /** A result and the device events its transaction caused, to publish once it committed. */
    private record Changed<T>(T result, List<PendingJobsNotifier.Event> events) {
    }

    private <T> T published(Changed<T> changed) {
        BiConsumer<String, byte[]> publisher = notifications;
        changed.events().forEach(event -> publisher.accept(event.topic(), event.payload()));
        return changed.result();
    }

    public CompletableFuture<Job> describeJob(String jobId) {
        return transactions.run(c -> existing(c, jobId));
    }

    /**
     * Jobs in id order. {@code status} and {@code targetSelection} filter when set; {@code thingGroupName} keeps
     * the jobs that target that group.
     */
    public CompletableFuture<Page<Job>> listJobs(String status, String targetSelection, String thingGroupName,
                                                 String nextToken, int maxResults) {
        return transactions.run(c -> {
            if (status != null && !JOB_STATUSES.contains(status)) {
                throw ControlPlaneException.invalid("status '" + status + "' must be one of " + JOB_STATUSES);
            }
            if (targetSelection != null && !TARGET_SELECTIONS.contains(targetSelection)) {
                throw ControlPlaneException.invalid("targetSelection '" + targetSelection
                        + "' must be SNAPSHOT or CONTINUOUS");
            }
            String groupArn = thingGroupName == null ? null : arns.thingGroup(thingGroupName);
            return Page.of(jobs.jobs(c, Page.after(nextToken), maxResults + 1, status, targetSelection, groupArn),
                    maxResults, Job::id);
        });
    }

    /** The things the job reaches now; a target that is not one of our things or groups is refused. */
    private Set<String> resolveTargets(Connection c, JobSpec spec) throws SQLException {
        Set<String> reached = new LinkedHashSet<>();
        for (String target : spec.targets()) {
            var thing = arns.thingName(target);
            var group = arns.thingGroupName(target);
            if (thing.isPresent()) {
                things.thing(c, thing.get(), false).orElseThrow(() -> ControlPlaneException.notFound(
                        "Thing " + thing.get() + " cannot be found."));
                reached.add(thing.get());
            } else if (group.isPresent()) {
                things.group(c, group.get()).orElseThrow(() -> ControlPlaneException.notFound(
                        "Thing Group " + group.get() + " cannot be found."));
                reached.addAll(things.members(c, group.get(), true, null, Integer.MAX_VALUE));
            } else {
                throw ControlPlaneException.invalid("targets: '" + target + "' is not the ARN of a thing or thing "
                        + "group of this service (" + arns.thing("<name>") + ")");
            }
        }
        return reached;
    }
}
