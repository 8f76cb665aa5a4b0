package io.fleet.cloud.ingest;

import io.fleet.cloud.config.CloudConfig;
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
 * processes ({@code ./fleet ingest worker}) do the ingest, sharing the work through the claim rows.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    /** Turns new objects into PENDING entries: the listing poller, or the S3 event queue. */
    private interface Trigger {
        List<Long> pass() throws Exception;
    }

    private final Trigger trigger;
    private final Optional<SqsClient> sqs;
    private final CloudConfig.Ingest settings;
    private final Optional<IngestWorkers> workers;
    private final ExecutorService pollThread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object pauses = new Object();

    private IngestService(S3Client s3, String bucket, DataSource dataSource, Path workDir,
                          CloudConfig.Ingest settings, Clock clock) {
        DriveLogCatalog catalog = new DriveLogCatalog(dataSource, clock);
        CloudConfig.Sqs queue = settings.sqs();
        if (queue.enabled()) {
            this.sqs = Optional.of(S3EventQueue.client(queue, s3.serviceClientConfiguration().region().id()));
            this.trigger = new S3EventQueue(sqs.get(), queue.queueUrl(), queue.waitSeconds(), bucket, catalog)::pass;
        } else {
            this.sqs = Optional.empty();
            this.trigger = new ListingPoller(s3, bucket, catalog, new IngestCursor(dataSource, bucket,
                    RawObjectKey.PREFIX))::pass;
        }
        this.settings = settings;
        this.workers = settings.workers() == 0 ? Optional.empty() : Optional.of(IngestWorkers.start(s3, dataSource,
                workDir, settings, clock, IngestWorkers.processName()));
        this.pollThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the poller and the workers; {@code workDir} holds the temporary copies being read. */
    public static IngestService start(S3Client s3, String bucket, DataSource dataSource, Path workDir,
                                      CloudConfig.Ingest settings, Clock clock) {
        IngestService service = new IngestService(s3, bucket, dataSource, workDir, settings, clock);
        service.pollThread.execute(service::pollLoop);
        LOG.info("drive-log ingest from s3://{}/{} ({}), {} worker(s){}", bucket, RawObjectKey.PREFIX,
                settings.sqs().enabled() ? "S3 event notifications from " + settings.sqs().queueUrl()
                        : "listed every " + settings.pollIntervalMillis() + " ms", settings.workers(),
                settings.workers() == 0 ? " (worker processes ingest: ./fleet ingest worker)" : "");
        return service;
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
                        : "listing the drive-log bucket", settings.pollIntervalMillis(), e.toString());
            }
            synchronized (pauses) {
                try {
                    if (running.get() && (failed || !longPolls)) {
                        pauses.wait(settings.pollIntervalMillis());
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
