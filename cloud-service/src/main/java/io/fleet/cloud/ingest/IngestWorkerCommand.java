package io.fleet.cloud.ingest;

import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.config.IngestConfig;
import io.fleet.cloud.config.S3Config;
import io.fleet.cloud.config.SqsConfig;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.s3.DriveLogBucket;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./fleet ingest worker}: a process that runs only ingest workers against a running service's PostgreSQL and
 * S3 (the service keeps cataloging new objects; set its {@code ingest.workers: 0} to leave all ingest to worker
 * processes). Several such processes share the work through the claim rows. By default it finds the demo's
 * embedded PostgreSQL and S3 from the service's data dir; {@code --config} and the flags name external ones. With
 * {@code ingest.sqs} ({@code --sqs-queue-url}) it reads the bucket's S3 event notifications itself, as a competing
 * consumer of the queue beside other worker processes.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run ingest workers against a running service's PostgreSQL and S3 until stopped.")
final class IngestWorkerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", description = "the service's YAML configuration (database, s3, ingest sections)")
    private Path configFile;

    @Option(names = "--data-dir", description = "the running service's data directory: its embedded PostgreSQL and "
            + "S3 credentials are found there (default ./data, or the config's dataDir)")
    private Path dataDir;

    @Option(names = "--jdbc-url", description = "PostgreSQL JDBC URL (default: the embedded one of --data-dir)")
    private String jdbcUrl;

    @Option(names = "--db-user", description = "PostgreSQL user")
    private String dbUser;

    @Option(names = "--db-password", description = "PostgreSQL password (prefer FLEET_DB_PASSWORD)",
            defaultValue = "${env:FLEET_DB_PASSWORD}")
    private String dbPassword;

    @Option(names = "--s3-endpoint", description = "S3 endpoint URL (default: the embedded one, "
            + "http://<s3.host>:<s3.port>; with an external s3 config: its endpoint, or Amazon S3)")
    private String s3Endpoint;

    @Option(names = "--s3-credentials", paramLabel = "FILE", description = "AWS shared-credentials file, profile "
            + "default (default: <data-dir>/s3/credentials for the embedded S3)")
    private Path s3Credentials;

    @Option(names = "--workers", description = "drive logs ingested at once by this process (default: ingest.workers,"
            + " at least 1)")
    private Integer workers;

    @Option(names = "--claim-seconds", description = "lease of a claim (default: ingest.claimSeconds, 30)")
    private Integer claimSeconds;

    @Option(names = "--work-dir", description = "where the copies being read are kept (default: a new temp dir)")
    private Path workDir;

    @Option(names = "--sqs-queue-url", paramLabel = "URL", description = "read S3 Event Notifications from this SQS "
            + "queue too (ingest.sqs.queueUrl): the drive logs of each message become entries, the message is deleted "
            + "once they are committed, and the workers of every process share them through the claim rows")
    private String sqsQueueUrl;

    @Option(names = "--sqs-region", description = "the queue's region (ingest.sqs.region; default the S3 region)")
    private String sqsRegion;

    @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "SQS endpoint (ingest.sqs.endpoint; default "
            + "Amazon SQS; e.g. ElasticMQ)")
    private String sqsEndpoint;

    @Option(names = "--sqs-credentials", paramLabel = "FILE", description = "AWS shared-credentials file for SQS, "
            + "profile default (ingest.sqs.credentialsFile; default the AWS SDK's default chain)")
    private Path sqsCredentials;

    @Option(names = "--sqs-wait-seconds", description = "long polling of a receive, 0-20 (ingest.sqs.waitSeconds, 20)")
    private Integer sqsWaitSeconds;

    @Option(names = "--query-cache", paramLabel = "DIR", description = "the service's query cache: each Parquet "
            + "written goes there too, so the first POST /api/query after an ingest downloads nothing (default: "
            + "<data-dir>/ingest/query-cache with the demo's embedded S3; none with an external S3)")
    private Path queryCache;

    @Override
    public Integer call() throws Exception {
        CloudConfig config = config();
        IngestConfig ingest = ingestSettings(config.ingest());
        Path data = dataDir != null ? dataDir : config.dataDir();
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("fleet-ingest-");
        String owner = IngestWorkers.processName();
        try (Database database = Database.start(database(config.database(), data, ingest.workers()), data);
             DriveLogBucket bucket = DriveLogBucket.open(s3(config.s3(), data), data)) {
            Optional<ParquetCache> cache = Optional.ofNullable(queryCache)
                    .or(() -> config.s3().embedded() ? Optional.of(ParquetCache.dirIn(data)) : Optional.empty())
                    .map(dir -> new ParquetCache(bucket.client(), dir));
            IngestWorkers workers = IngestWorkers.start(bucket.client(), database.dataSource(), work, ingest, cache,
                    Clock.systemUTC(), owner);
            AutoCloseable running = workers;
            if (ingest.sqs().enabled()) {
                running = IngestService.readingQueue(S3EventQueue.client(ingest.sqs(),
                        bucket.client().serviceClientConfiguration().region().id()), bucket.bucket(),
                        new DriveLogCatalog(database.dataSource(), Clock.systemUTC()), ingest, workers);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            AutoCloseable stopping = running;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stopping.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // the JVM is exiting: the claims of logs still in progress expire and other workers retry them
                }
                stopped.countDown();
            }, "shutdown"));
            String events = ingest.sqs().enabled() ? ", S3 events from " + ingest.sqs().queueUrl() : "";
            long rehearsal = workers.rehearsed().join().toMillis(); // ready means warm: the first log is not slower
            spec.commandLine().getOut().printf(Locale.ROOT, "ingest worker %s: %d worker(s), claims of %d s, "
                    + "s3://%s%s; warmed up in %d ms%n", owner, ingest.workers(), ingest.claim().toSeconds(),
                    bucket.bucket(), events, rehearsal);
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return 0;
    }

    /** {@code --config}, or the defaults without it. */
    CloudConfig config() throws IOException {
        return configFile != null ? CloudConfig.load(configFile) : CloudConfig.defaults();
    }

    /**
     * The ingest settings this process runs with: the file's {@code ingest} section with the flags laid over it. A
     * bad flag is refused naming the flag, before anything is started.
     */
    IngestConfig ingestSettings(IngestConfig configured) {
        int count = workers != null ? workers : Math.max(1, configured.workers());
        if (count < 1) {
            throw badFlag("--workers must be at least 1, got " + count);
        }
        if (claimSeconds != null && claimSeconds < 1) {
            throw badFlag("--claim-seconds must be at least 1, got " + claimSeconds);
        }
        return new IngestConfig(true, configured.pollInterval(), count,
                claimSeconds != null ? Duration.ofSeconds(claimSeconds) : configured.claim(),
                configured.signalRoles(), sqs(configured.sqs()), configured.query());
    }

    /** {@code ingest.sqs} with the flags that override its keys. */
    private SqsConfig sqs(SqsConfig configured) {
        if (sqsWaitSeconds != null) {
            try {
                SqsConfig.checkLongPoll("--sqs-wait-seconds", Duration.ofSeconds(sqsWaitSeconds));
            } catch (IllegalArgumentException e) {
                throw badFlag(e.getMessage());
            }
        }
        httpUrl("--sqs-queue-url", sqsQueueUrl);
        httpUrl("--sqs-endpoint", sqsEndpoint);
        return new SqsConfig(sqsQueueUrl != null ? sqsQueueUrl : configured.queueUrl(),
                sqsRegion != null ? sqsRegion : configured.region(),
                sqsEndpoint != null ? sqsEndpoint : configured.endpoint(),
                sqsCredentials != null ? sqsCredentials : configured.credentialsFile(),
                sqsWaitSeconds != null ? Duration.ofSeconds(sqsWaitSeconds) : configured.longPoll());
    }

    /** A flag that names an SQS URL must give an absolute http(s) URL, else the SDK fails later and vaguely. */
    private void httpUrl(String flag, String value) {
        if (value == null) {
            return;
        }
        String problem = flag + " must be an http(s) URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/"
                + "drive-logs, got '" + value + "'";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw badFlag(problem + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw badFlag(problem);
        }
    }

    private ParameterException badFlag(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Two connections per worker (its claim and ingest, and its lease renewals), and the S3 event reader's. */
    private DatabaseConfig database(DatabaseConfig configured, Path data, int workerCount)
            throws IOException {
        int pool = 2 * workerCount + 2;
        if (jdbcUrl != null) {
            return DatabaseConfig.server(jdbcUrl, dbUser, dbPassword, pool);
        }
        if (!configured.embedded()) {
            return DatabaseConfig.server(configured.jdbcUrl(), dbUser != null ? dbUser : configured.user(),
                    dbPassword != null ? dbPassword : configured.password(), pool);
        }
        return Database.runningEmbedded(data, pool);
    }

    private S3Config s3(S3Config configured, Path data) {
        String endpoint = s3Endpoint;
        Path credentials = s3Credentials;
        if (configured.embedded()) {
            endpoint = endpoint != null ? endpoint : "http://" + configured.host() + ":" + configured.port();
            credentials = credentials != null ? credentials : data.resolve("s3").resolve("credentials");
        } else {
            endpoint = endpoint != null ? endpoint : configured.endpoint();
            credentials = credentials != null ? credentials : configured.credentialsFile();
        }
        return S3Config.external(endpoint, configured.region(), configured.bucket(), credentials);
    }
}
