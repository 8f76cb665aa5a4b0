package io.fleet.cloud.campaigns;

import io.fleet.cloud.controlplane.AsyncTransactions;
import io.fleet.cloud.controlplane.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Campaigns as the API serves them: create (runs queued at once, the dispatcher woken), read, list, cancel, the rig
 * pool, and the runs that used a drive log.
 *
 * <p>Threads: every method returns at once; the work runs as one transaction on {@code executor}, and a refused
 * request fails its future with an {@link io.fleet.cloud.http.ApiException}.
 */
public final class Campaigns {

    private final AsyncTransactions transactions;
    private final Clock clock;
    private final Dispatcher dispatcher;
    private final CampaignStore store = new CampaignStore();
    private final RunPlanner planner = new RunPlanner();
    private final RigStore rigs = new RigStore();
    private final LeaseStore leases = new LeaseStore();

    /** A page of campaigns, how many there are in all, and the token of the next page when one follows. */
    public record CampaignPage(List<Campaign> campaigns, long total, Optional<String> nextToken) {
        public CampaignPage {
            campaigns = List.copyOf(campaigns);
        }
    }

    /** A rig with the number of queued runs it could serve. */
    public record PooledRig(Rig rig, long servableRuns) {
    }

    public Campaigns(DataSource dataSource, Executor executor, Clock clock, Dispatcher dispatcher) {
        this.transactions = new AsyncTransactions(dataSource, executor);
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** The campaign created by {@code user}, its runs QUEUED. */
    public CompletableFuture<Campaign> create(CampaignRequest request, String user) {
        return transactions.run(c -> {
            List<RunPlan> plans = planner.plan(c, request);
            Instant now = clock.instant();
            long id = store.insert(c, request, user, now);
            store.insertRuns(c, id, request.priority(), plans, now);
            return store.campaign(c, id).orElseThrow();
        }).thenApply(this::woken);
    }

    public CompletableFuture<Optional<Campaign>> campaign(long id) {
        return transactions.run(c -> store.campaign(c, id));
    }

    /**
     * One page of campaigns, newest first: those after {@code afterId} (the last of the previous page; none: from
     * the newest), at most {@code limit} (none: all).
     */
    public CompletableFuture<CampaignPage> campaigns(Optional<Long> afterId, OptionalInt limit) {
        return transactions.run(c -> {
            // one more than a page tells whether another follows
            List<Campaign> fetched = store.campaigns(c, afterId, limit.isPresent()
                    ? OptionalInt.of(limit.getAsInt() + 1) : OptionalInt.empty());
            Page<Campaign> page = Page.of(fetched, limit.orElse(Integer.MAX_VALUE), x -> Long.toString(x.id()));
            return new CampaignPage(page.items(), store.count(c), Optional.ofNullable(page.nextToken()));
        });
    }

    /** The campaign after cancelling its open runs (their jobs are cancelled by the dispatcher); empty if none. */
    public CompletableFuture<Optional<Campaign>> cancel(long id) {
        return transactions.run(c -> leases.cancelCampaign(c, id, clock.instant()) ? store.campaign(c, id)
                : Optional.<Campaign>empty()).thenApply(this::woken);
    }

    /** Every rig with the number of queued runs it could serve. */
    public CompletableFuture<List<PooledRig>> rigs() {
        return transactions.run(c -> {
            List<QueuedRun> queue = rigs.queue(c, false, Integer.MAX_VALUE);
            List<PooledRig> pool = new ArrayList<>();
            for (Rig rig : rigs.rigs(c)) {
                pool.add(new PooledRig(rig, LeasePlanner.servable(rig, queue)));
            }
            return pool;
        });
    }

    /** The runs that replayed (or will replay) catalog drive log {@code driveLogId}. */
    public CompletableFuture<List<CampaignRun>> runsOfDriveLog(long driveLogId) {
        return transactions.run(c -> store.runs(c, "drive_log_id = ?", driveLogId));
    }

    private <T> T woken(T result) {
        dispatcher.wake();
        return result;
    }
}
