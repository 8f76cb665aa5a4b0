package io.fleet.cloud.ingest;

import io.fleet.cloud.config.IngestConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Drive-log ingest inside the cloud service: one {@code ingest-poller} thread lists the bucket every
 * {@code ingest.pollIntervalMillis} (or, with {@code ingest.sqs.queueUrl}, reads the bucket's S3 event notifications
 * from SQS: {@link S3EventQueue}) and wakes the workers when it found new objects, and {@code ingest.workers}
 * {@link IngestWorkers} ingest them. With {@code ingest.workers: 0} the service only catalogs new objects and worker
 * processes ({@code ./fleet ingest worker}) do the ingest, sharing the work through the claim rows; with
 * {@code ingest.sqs} they may read the queue themselves ({@link #readingQueue}).
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    /** Turns new objects into PENDING entries: the listing poller, or the S3 event queue. */
    private interface Trigger {
        List<Long> pass() throws Exception;
    }

    private final Trigger trigger;
    private final Optional<SqsClient> sqs;
    private final IngestConfig settings;
    private final Optional<IngestWorkers> workers;
    private final ExecutorService pollThread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object pauses = new Object();

    private IngestService(Trigger trigger, Optional<SqsClient> sqs, IngestConfig settings,
                          Optional<IngestWorkers> workers) {
        this.trigger = trigger;
        this.sqs = sqs;
        this.settings = settings;
        this.workers = workers;
        this.pollThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the poller and the workers; {@code workDir} holds the temporary copies being read, {@code queryCache}
     * (the SQL queries') takes the Parquet each ingest writes.
     */
    public static IngestService start(S3Client s3, String bucket, DataSource dataSource, Path workDir,
                                      IngestConfig settings, ParquetCache queryCache, Clock clock) {
        DriveLogCatalog catalog = new DriveLogCatalog(dataSource, clock);
        Optional<IngestWorkers> workers = settings.workers() == 0 ? Optional.empty() : Optional.of(IngestWorkers.start(
                s3, dataSource, workDir, settings, Optional.of(queryCache), clock, IngestWorkers.processName()));
        IngestService service;
        if (settings.sqs().enabled()) {
            SqsClient sqs = S3EventQueue.client(settings.sqs(), s3.serviceClientConfiguration().region().id());
            service = new IngestService(new S3EventQueue(sqs, settings.sqs().queueUrl(), settings.sqs().waitSeconds(),
                    bucket, catalog)::pass, Optional.of(sqs), settings, workers);
        } else {
            service = new IngestService(new ListingPoller(s3, bucket, catalog, new IngestCursor(dataSource, bucket,
                    RawObjectKey.PREFIX))::pass, Optional.empty(), settings, workers);
        }
        service.pollThread.execute(service::pollLoop);
        LOG.info("drive-log ingest from s3://{}/{} ({}), {} worker(s){}", bucket, RawObjectKey.PREFIX,
                settings.sqs().enabled() ? "S3 event notifications from " + settings.sqs().queueUrl()
                        : "listed every " + settings.pollInterval().toMillis() + " ms", settings.workers(),
                settings.workers() == 0 ? " (worker processes ingest: ./fleet ingest worker)" : "");
        return service;
    }

    /**
     * A worker process's own reader of the S3 event queue ({@code ./fleet ingest worker} with {@code ingest.sqs}):
     * like the service's SQS trigger, each message's drive logs become PENDING entries and the message is deleted
     * once they are committed; then {@code workers}, which share the entries with every other worker through the
     * claim rows, are woken. Several processes read the queue as competing consumers. Closing it closes the client
     * and the workers.
     */
    static IngestService readingQueue(SqsClient sqs, String bucket, DriveLogCatalog catalog,
                                      IngestConfig settings, IngestWorkers workers) {
        IngestService reader = new IngestService(new S3EventQueue(sqs, settings.sqs().queueUrl(),
                settings.sqs().waitSeconds(), bucket, catalog)::pass, Optional.of(sqs), settings, Optional.of(workers));
        reader.pollThread.execute(reader::pollLoop);
        return reader;
    }

    private void pollLoop() {
        // an SQS receive waits for messages itself (long polling): no pause after it unless it failed
        boolean longPolls = sqs.isPresent() && settings.sqs().waitSeconds() > 0;
        while (running.get()) {
            boolean failed = false;
            try {
                List<Long> created = trigger.pass();
                if (!created.isEmpty()) {
                    LOG.info("found {} new drive log(s): {}", created.size(), created);
                    workers.ifPresent(IngestWorkers::wake);
                }
            } catch (Exception e) {
                failed = true;
                LOG.warn("{} failed (tried again in {} ms): {}", sqs.isPresent() ? "reading the S3 event queue"
                        : "listing the drive-log bucket", settings.pollInterval().toMillis(), e.toString());
            }
            synchronized (pauses) {
                try {
                    if (running.get() && (failed || !longPolls)) {
                        pauses.wait(settings.pollInterval().toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        synchronized (pauses) {
            pauses.notifyAll();
        }
        pollThread.shutdown();
        if (workers.isPresent()) {
            workers.get().close(); // an ingest still in progress after 10 s is left to its expiring claim
        }
        if (!pollThread.awaitTermination(10, TimeUnit.SECONDS)) {
            pollThread.shutdownNow(); // an SQS receive still waiting
        }
        sqs.ifPresent(SqsClient::close);
    }
}
