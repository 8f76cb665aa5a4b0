package io.fleet.cloud.ingest;

import io.fleet.cloud.config.CloudConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Drive-log ingest inside the cloud service. Threads: one {@code ingest-poller} lists the bucket every
 * {@code ingest.pollIntervalMillis} and wakes the workers when it found new objects; {@code ingest.workers}
 * {@code ingest-worker-N} threads claim PENDING entries and ingest them one at a time. Workers hold no state of
 * their own: the claim row in PostgreSQL is what keeps two workers (of this or another instance) off the same log,
 * and a claim that expires (a killed worker) makes the log available again.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final ListingPoller poller;
    private final DriveLogCatalog catalog;
    private final DriveLogIngester ingester;
    private final CloudConfig.Ingest settings;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();

    private IngestService(S3Client s3, String bucket, DataSource dataSource, Path workDir,
                          CloudConfig.Ingest settings, Clock clock) {
        this.catalog = new DriveLogCatalog(dataSource, clock);
        this.poller = new ListingPoller(s3, bucket, catalog, new IngestCursor(dataSource, bucket,
                RawObjectKey.PREFIX));
        this.ingester = new DriveLogIngester(s3, catalog, workDir, settings.signalRoles());
        this.settings = settings;
        this.clock = clock;
        int[] number = {0};
        this.threads = Executors.newFixedThreadPool(1 + settings.workers(), r -> {
            Thread t = new Thread(r, number[0] == 0 ? "ingest-poller" : "ingest-worker-" + number[0]);
            number[0]++;
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the poller and the workers; {@code workDir} holds the temporary copies being read. */
    public static IngestService start(S3Client s3, String bucket, DataSource dataSource, Path workDir,
                                      CloudConfig.Ingest settings, Clock clock) {
        IngestService service = new IngestService(s3, bucket, dataSource, workDir, settings, clock);
        service.threads.execute(service::pollLoop);
        for (int i = 0; i < settings.workers(); i++) {
            service.threads.execute(service::workLoop);
        }
        LOG.info("drive-log ingest from s3://{}/{} every {} ms, {} worker(s)", bucket, RawObjectKey.PREFIX,
                settings.pollIntervalMillis(), settings.workers());
        return service;
    }

    private void pollLoop() {
        while (running.get()) {
            try {
                List<Long> created = poller.pass();
                if (!created.isEmpty()) {
                    LOG.info("found {} new drive log(s): {}", created.size(), created);
                    wakeWorkers();
                }
            } catch (Exception e) {
                LOG.warn("listing the drive-log bucket failed (tried again in {} ms): {}",
                        settings.pollIntervalMillis(), e.toString());
            }
            pause(settings.pollIntervalMillis());
        }
    }

    private void workLoop() {
        String worker = instance + "/" + Thread.currentThread().getName();
        while (running.get()) {
            try {
                Optional<ClaimedDriveLog> claimed = catalog.claimNext(worker,
                        Duration.ofSeconds(settings.claimSeconds()));
                if (claimed.isEmpty()) {
                    pause(settings.pollIntervalMillis());
                    continue;
                }
                ingestOne(claimed.get(), worker);
            } catch (Exception e) {
                // S3 or PostgreSQL unreachable: the claim expires and this or another worker retries the log
                LOG.warn("drive-log ingest failed (retried after its claim expires): {}", e.toString());
                pause(settings.pollIntervalMillis());
            }
        }
    }

    private void ingestOne(ClaimedDriveLog log, String worker) throws Exception {
        long started = clock.millis();
        IngestOutcome outcome = ingester.ingest(log);
        Duration took = Duration.ofMillis(clock.millis() - started);
        if (!catalog.finish(log, worker, outcome, took)) {
            LOG.warn("drive log {} ({}) was taken over by another worker after this one's claim expired; "
                    + "its result was dropped", log.id(), log.url());
            return;
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

    private void wakeWorkers() {
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

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        wakeWorkers();
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            threads.shutdownNow(); // an ingest in progress: its claim expires and it is retried after a restart
        }
    }
}
