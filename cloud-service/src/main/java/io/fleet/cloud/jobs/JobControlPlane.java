package io.fleet.cloud.jobs;

import io.fleet.cloud.controlplane.AsyncTransactions;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.registry.ResourceArns;
import io.fleet.cloud.registry.ThingStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * The AWS IoT Jobs control plane, as far as it goes yet: CreateJob (SNAPSHOT jobs to things and thing groups,
 * queuing one execution per targeted thing, a group's descendant groups included), DescribeJob and ListJobs, in
 * PostgreSQL. Each call is one transaction; a refused request changes nothing.
 *
 * <p>Threads: every method returns at once; the work runs on {@code executor}, refusals come back as futures failed
 * with a {@link ControlPlaneException}.
 */
public final class JobControlPlane {

    static final Set<String> JOB_STATUSES = Set.of("IN_PROGRESS", "CANCELED", "COMPLETED", "DELETION_IN_PROGRESS",
            "SCHEDULED");
    static final Set<String> TARGET_SELECTIONS = Set.of("SNAPSHOT", "CONTINUOUS");

    private final AsyncTransactions transactions;
    private final Clock clock;
    private final ResourceArns arns;
    private final JobStore jobs = new JobStore();
    private final ThingStore things = new ThingStore();
    private final JobExecutionStore executions = new JobExecutionStore();
    private final PendingJobsNotifier notifier = new PendingJobsNotifier(executions);
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
        return transactions.run(c -> {
            Set<String> targetThings = resolveTargets(c, spec);
            long now = clock.millis();
            Job job = new Job(spec, "SNAPSHOT", "IN_PROGRESS", now, now, null,
                    Map.of("QUEUED", targetThings.size()));
            Map<String, List<JobExecution>> before = new TreeMap<>(); // locked in name order: no deadlock
            for (String thing : new TreeSet<>(targetThings)) {
                executions.lockThing(c, thing);
                before.put(thing, executions.pending(c, thing));
            }
            if (!jobs.insert(c, job)) {
                throw ControlPlaneException.alreadyExists("Job " + spec.jobId() + " already exists", spec.jobId(),
                        arns.job(spec.jobId()));
            }
            jobs.queueExecutions(c, spec.jobId(), targetThings, now);
            List<PendingJobsNotifier.Event> events = new ArrayList<>();
            for (var thing : before.entrySet()) {
                events.addAll(notifier.changes(c, thing.getKey(), thing.getValue(), now));
            }
            return new Changed<>(job, events);
        }).thenApply(this::published);
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
        return transactions.run(c -> jobs.job(c, JobSpec.jobId(jobId)).orElseThrow(() ->
                ControlPlaneException.notFound("Job " + jobId + " cannot be found.")));
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
