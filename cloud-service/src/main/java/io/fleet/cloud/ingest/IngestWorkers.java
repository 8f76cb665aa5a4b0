package io.fleet.cloud.ingest;

import io.fleet.cloud.config.IngestConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Threads {@code ingest-worker-N} that claim PENDING drive logs and ingest them one at a time, inside the service or
 * in a process of their own ({@code ./fleet ingest worker}). They hold no state: the claim row in PostgreSQL keeps
 * two workers (of any process) off the same log. A claim is a lease of {@code claim}: while a log is being ingested,
 * its worker renews the lease every third of it, so a long file never loses its claim to another worker, and a
 * worker killed mid-file (kill -9, a lost machine) stops renewing and its log is taken over once the lease ran out.
 */
public final class IngestWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestWorkers.class);

    /** What a worker does with a claimed log (the real {@link DriveLogIngester}; tests wrap it). */
    @FunctionalInterface
    interface Ingest {
        IngestOutcome ingest(ClaimedDriveLog log) throws Exception;
    }

    private final DriveLogCatalog catalog;
    private final Ingest ingest;
    /** The real ingester, when these workers made it: rehearsed at start, closed with them. */
    private final Optional<DriveLogIngester> ingester;
    private final CompletableFuture<Duration> rehearsal = new CompletableFuture<>();
    private final Optional<ParquetCache> queryCache;
    private final Duration claim;
    private final long idleMillis;
    private final Clock clock;
    private final String owner;
    private final ExecutorService threads;
    private final ScheduledExecutorService renewals;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean halted = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();

    private IngestWorkers(DriveLogCatalog catalog, Ingest ingest, Optional<DriveLogIngester> ingester,
                          Optional<ParquetCache> queryCache, int workers, Duration claim, long idleMillis, Clock clock,
                          String owner) {
        this.catalog = catalog;
        this.ingester = ingester;
        this.ingest = ingest;
        this.queryCache = queryCache;
        this.claim = claim;
        this.idleMillis = idleMillis;
        this.clock = clock;
        this.owner = owner;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(workers,
                r -> daemon(r, "ingest-worker-" + number.incrementAndGet()));
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ingest-claim-renewal"));
    }

    /**
     * Starts {@code settings.workers()} workers; {@code owner} names this process in the claim rows (host and pid),
     * {@code workDir} holds the temporary copies being read, {@code queryCache} (the service's, when this process
     * shares its disk) takes the Parquet each ingest writes.
     */
    public static IngestWorkers start(S3Client s3, DataSource dataSource, Path workDir, IngestConfig settings,
                                      Optional<ParquetCache> queryCache, Clock clock, String owner) {
        DriveLogCatalog catalog = new DriveLogCatalog(dataSource, clock);
        DriveLogIngester ingester = new DriveLogIngester(s3, catalog, workDir, settings.signalRoles());
        return new IngestWorkers(catalog, ingester::ingest, Optional.of(ingester), queryCache, settings.workers(),
                settings.claim(), settings.pollInterval().toMillis(), clock, owner).launch(settings.workers());
    }

    static IngestWorkers start(DriveLogCatalog catalog, Ingest ingest, Optional<ParquetCache> queryCache, int workers,
                               Duration claim, long idleMillis, Clock clock, String owner) {
        return new IngestWorkers(catalog, ingest, Optional.empty(), queryCache, workers, claim, idleMillis, clock,
                owner).launch(workers);
    }

    /** The rehearsal first (on the first worker thread; the others start claiming at once), then the work loops. */
    private IngestWorkers launch(int workers) {
        threads.execute(this::rehearse);
        for (int i = 0; i < workers; i++) {
            threads.execute(this::workLoop);
        }
        return this;
    }

    private void rehearse() {
        if (ingester.isEmpty()) {
            rehearsal.complete(Duration.ZERO);
            return;
        }
        try {
            Duration took = ingester.get().rehearse();
            LOG.debug("ingest rehearsal took {} ms", took.toMillis());
            rehearsal.complete(took);
        } catch (IOException | RuntimeException e) {
            // only the first log is slower for it; a real fault on the path shows on that log, naming it
            LOG.warn("the ingest rehearsal failed (the first drive log is ingested cold): {}", e.toString());
            rehearsal.complete(Duration.ZERO);
        }
    }

    /**
     * Completes once a generated log has run through the decode path ({@link IngestRehearsal}), so the first real
     * one does not pay for the warm-up; with how long that took (zero when it failed or there was none).
     */
    public CompletableFuture<Duration> rehearsed() {
        return rehearsal;
    }

    /** This process in claim rows: {@code host/pid}. */
    public static String processName() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        });
        return host + "/" + ProcessHandle.current().pid();
    }

    private void workLoop() {
        String worker = owner + "/" + Thread.currentThread().getName();
        while (running.get()) {
            try {
                Optional<ClaimedDriveLog> claimed = catalog.claimNext(worker, claim);
                if (claimed.isEmpty()) {
                    pause(idleMillis);
                    continue;
                }
                ingestOne(claimed.get(), worker);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (halted.get()) {
                    return;
                }
                // S3 or PostgreSQL unreachable: the claim expires and this or another worker retries the log
                LOG.warn("drive-log ingest failed (retried after its claim expires): {}", e.toString());
                pause(idleMillis);
            }
        }
    }

    private void ingestOne(ClaimedDriveLog log, String worker) throws Exception {
        long started = clock.millis();
        long every = Math.max(1, claim.toMillis() / 3);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(log, worker), every, every,
                TimeUnit.MILLISECONDS);
        IngestOutcome outcome;
        try {
            outcome = ingest.ingest(log);
        } finally {
            renewal.cancel(false);
        }
        Optional<Path> parquet = outcome instanceof IngestOutcome.Ingested done ? done.localParquet()
                : Optional.empty();
        Duration took = Duration.ofMillis(clock.millis() - started);
        try {
            if (halted.get()) {
                return; // as if killed: nothing recorded, the lease runs out and another worker takes the log
            }
            if (!record(log, worker, outcome, took, parquet)) {
                LOG.warn("drive log {} ({}) was taken over by another worker after this one's claim expired; "
                        + "its result was dropped", log.id(), log.url());
                return;
            }
        } finally {
            if (parquet.isPresent()) {
                Files.deleteIfExists(parquet.get());
            }
        }
        if (outcome instanceof IngestOutcome.Ingested ok) {
            LOG.info("drive log {} ({}) INGESTED: {} frames in {} ms", log.id(), log.url(), ok.summary().frames(),
                    took.toMillis());
        } else if (outcome instanceof IngestOutcome.Failed failed) {
            LOG.warn("drive log {} FAILED: {}", log.id(), failed.error());
        } else if (outcome instanceof IngestOutcome.Duplicate dup) {
            LOG.info("{} has the same bytes as drive log {}: no second entry", log.url(), dup.existingId());
        }
    }

    /**
     * The outcome into the catalog; the Parquet goes into the query cache first, under the ingest time the catalog
     * then records, so a query that sees the INGESTED entry finds its copy.
     */
    private boolean record(ClaimedDriveLog log, String worker, IngestOutcome outcome, Duration took,
                           Optional<Path> parquet) throws SQLException {
        Instant at = clock.instant();
        boolean cached = false;
        if (parquet.isPresent() && queryCache.isPresent()) {
            try {
                queryCache.get().adopt(log.id(), at, parquet.get());
                cached = true;
            } catch (IOException e) {
                LOG.warn("drive log {}: its Parquet could not be put into the query cache (the first query downloads"
                        + " it): {}", log.id(), e.toString());
            }
        }
        boolean recorded = catalog.finish(log, worker, outcome, took, at);
        if (cached && !recorded) {
            try {
                queryCache.get().forget(log.id(), at);
            } catch (IOException e) {
                LOG.warn("drive log {}: a copy in the query cache of a dropped result stays: {}", log.id(),
                        e.toString());
            }
        }
        return recorded;
    }

    private void renew(ClaimedDriveLog log, String worker) {
        try {
            if (!catalog.renewClaim(log, worker, claim)) {
                LOG.warn("drive log {} ({}): the claim of {} was lost (expired and taken over); its result will be "
                        + "dropped", log.id(), log.url(), worker);
            }
        } catch (Exception e) {
            LOG.warn("renewing the claim on drive log {} failed (tried again in {} ms): {}", log.id(),
                    claim.toMillis() / 3, e.toString());
        }
    }

    /** Wakes idle workers (new entries were found). */
    public void wake() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pause(long millis) {
        lock.lock();
        try {
            if (running.get()) {
                work.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops at once, as kill -9 would: claims are no longer renewed and nothing in progress is recorded, so the
     * logs being ingested are taken over by other workers once their leases ran out.
     */
    void halt() {
        halted.set(true);
        running.set(false);
        renewals.shutdownNow();
        threads.shutdownNow();
    }

    /** Lets the logs in progress finish (up to 10 s; after that they are left to their expiring claims). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        wake();
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            halt();
        }
        renewals.shutdownNow();
        if (ingester.isPresent()) {
            try {
                ingester.get().close();
            } catch (IOException e) {
                LOG.warn("closing the ingest's DuckDB staging database failed: {}", e.toString());
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
