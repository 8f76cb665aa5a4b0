package io.fleet.cloud.jobs;

import io.fleet.cloud.controlplane.AsyncTransactions;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.registry.ResourceArns;
import io.fleet.cloud.registry.ThingStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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

    public JobControlPlane(DataSource dataSource, Executor executor, Clock clock, ResourceArns arns) {
        this.transactions = new AsyncTransactions(dataSource, executor);
        this.clock = clock;
        this.arns = arns;
    }

    public ResourceArns arns() {
        return arns;
    }

    /** The job as created, IN_PROGRESS, with an execution QUEUED for every thing it targets. */
    public CompletableFuture<Job> createJob(JobSpec spec) {
        return transactions.run(c -> {
            Set<String> targetThings = resolveTargets(c, spec);
            long now = clock.millis();
            Job job = new Job(spec, "SNAPSHOT", "IN_PROGRESS", now, now, null,
                    Map.of("QUEUED", targetThings.size()));
            if (!jobs.insert(c, job)) {
                throw ControlPlaneException.alreadyExists("Job " + spec.jobId() + " already exists", spec.jobId(),
                        arns.job(spec.jobId()));
            }
            jobs.queueExecutions(c, spec.jobId(), targetThings, now);
            return job;
        });
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
