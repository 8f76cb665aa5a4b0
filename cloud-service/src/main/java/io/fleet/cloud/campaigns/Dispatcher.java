package io.fleet.cloud.campaigns;

import io.fleet.cloud.controlplane.AsyncTransactions;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.jobs.JobControlPlane;
import io.fleet.cloud.jobs.JobSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases queued campaign runs to rigs and follows the leases, on a timer and whenever {@link #wake} says something
 * changed (a run queued, a device ended an execution, a campaign cancelled). Each pass:
 * <ol>
 *     <li>judges every leased run ({@link LeaseDecision}): a finished execution ends the run with the rig's verdict,
 *     a rejection re-queues it away from that rig, a lost lease re-queues it (or ends it ERROR once retries are
 *     used up) and marks its job to be cancelled;</li>
 *     <li>cancels (force) the jobs of lost and cancelled leases;</li>
 *     <li>leases QUEUED runs to free rigs ({@link LeasePlanner}), each lease and its AWS IoT job in one
 *     transaction.</li>
 * </ol>
 * All state is in PostgreSQL, and runs and rigs are taken with {@code FOR UPDATE SKIP LOCKED}, so instances share
 * the work and a restarted one carries on where the last left off.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int QUEUE_WINDOW = 500;

    private final AsyncTransactions transactions;
    private final JobControlPlane jobs;
    private final Clock clock;
    private final Duration lease;
    private final LeaseStore leases = new LeaseStore();
    private final RigStore rigs = new RigStore();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r ->
            new Thread(r, "campaign-dispatcher"));
    private final AtomicBoolean woken = new AtomicBoolean();

    /** @param lease how long a lease holds without a heartbeat from its rig ({@code campaigns.leaseSeconds}) */
    public Dispatcher(DataSource dataSource, JobControlPlane jobs, Clock clock, Duration lease) {
        this.transactions = new AsyncTransactions(dataSource, Runnable::run);
        this.jobs = jobs;
        this.clock = clock;
        this.lease = lease;
    }

    /** Passes every {@code period} from now on, and whenever woken. */
    public Dispatcher start(Duration period) {
        thread.scheduleWithFixedDelay(this::safePass, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs a pass soon on the dispatcher's thread; many wakes before it runs make one pass. */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    woken.set(false);
                    safePass();
                });
            } catch (RuntimeException rejected) {
                woken.set(false); // closing
            }
        }
    }

    private void safePass() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warn("campaign dispatch pass failed; trying again at the next", e);
        }
    }

    /** One pass (the dispatcher's thread, or a test's). */
    void pass() {
        Instant now = clock.instant();
        transactions.run(c -> {
            for (LeasedRun run : leases.leased(c)) {
                follow(c, run, now);
            }
            return null;
        }).join();
        cancelJobs();
        leaseQueued(now);
    }

    private void follow(Connection c, LeasedRun run, Instant now) throws SQLException {
        LeaseDecision decision = LeaseDecision.judge(run, now, lease);
        if (decision instanceof LeaseDecision.Holds holds) {
            leases.hold(c, run, holds, now);
        } else if (decision instanceof LeaseDecision.Finished finished) {
            LOG.info("run {} of campaign {} {} on rig {}", run.id(), run.campaignId(), finished.state(), run.rig());
            leases.finish(c, run, finished, now);
        } else if (decision instanceof LeaseDecision.Rejected rejected) {
            LOG.info("run {} of campaign {}: {}; queued again", run.id(), run.campaignId(), rejected.reason());
            leases.reject(c, run, rejected, now);
        } else if (decision instanceof LeaseDecision.Invalid invalid) {
            LOG.warn("run {} of campaign {}: {}; the run ends ERROR", run.id(), run.campaignId(), invalid.reason());
            leases.invalid(c, run, invalid, now);
        } else if (decision instanceof LeaseDecision.Lost lost) {
            LOG.warn("run {} of campaign {} lost its lease: {}", run.id(), run.campaignId(), lost.reason());
            leases.lose(c, run, lost, now);
        }
    }

    private void cancelJobs() {
        transactions.run(c -> {
            for (LeaseStore.PendingCancel cancel : leases.pendingCancels(c)) {
                try {
                    jobs.cancelJob(cancel.jobId(), true, "campaign", cancel.reason()).join();
                } catch (CompletionException e) {
                    if (!(e.getCause() instanceof ControlPlaneException)) {
                        throw e; // the job is still to be cancelled: the next pass tries again
                    }
                    LOG.debug("job {} needs no cancel: {}", cancel.jobId(), e.getCause().getMessage());
                }
                leases.cancelled(c, cancel);
            }
            return null;
        }).join();
    }

    private void leaseQueued(Instant now) {
        List<Runnable> notifications = transactions.run(c -> {
            List<Runnable> published = new ArrayList<>();
            List<String> free = rigs.rigs(c).stream().filter(Rig::dispatchable).map(Rig::name).toList();
            if (free.isEmpty()) {
                return published;
            }
            // Lock the free rigs, then read them again: another dispatcher that leased to one meanwhile committed
            // before the lock was granted, and the new read sees that lease.
            List<String> locked = rigs.lockFree(c, free);
            List<Rig> available = rigs.rigs(c, locked);
            List<QueuedRun> queue = rigs.queue(c, true, QUEUE_WINDOW);
            for (LeasePlanner.Lease planned : LeasePlanner.plan(queue, available)) {
                published.add(lease(c, planned, now));
            }
            return published;
        }).join();
        notifications.forEach(Runnable::run);
    }

    private Runnable lease(Connection c, LeasePlanner.Lease planned, Instant now) throws SQLException {
        long[] campaignAndAttempts = leases.campaignAndAttempts(c, planned.runId());
        long campaignId = campaignAndAttempts[0];
        int attempt = (int) campaignAndAttempts[1] + 1;
        String jobId = RunJobDocument.jobId(campaignId, planned.runId(), attempt);
        leases.lease(c, planned.runId(), attempt, planned.rig(), jobId, now, lease);
        JobSpec spec = new JobSpec(jobId, List.of(jobs.arns().thing(planned.rig())), RunJobDocument.of(c,
                planned.runId()), "campaign " + campaignId + " run " + planned.runId() + " attempt " + attempt,
                null, List.of());
        LOG.info("run {} of campaign {} leased to rig {} as job {}", planned.runId(), campaignId, planned.rig(),
                jobId);
        return jobs.createJob(c, spec);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
