package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.cloud.config.IngestConfig;
import io.fleet.cloud.config.S3Config;
import io.fleet.cloud.config.SignalRolesConfig;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import io.fleet.cloud.s3.DriveLogBucket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Two sets of ingest workers (as two worker processes would run them) on one PostgreSQL and one S3Proxy bucket,
 * ingesting the real MF4 logs of testdata/ with their DBCs: a worker stopped mid-file as by kill -9 leaves its claim
 * to expire and the other worker ingests the log, every object once; a worker that ingests for longer than its
 * claim's lease renews it and keeps the log. Two worker processes that read one SQS queue of S3 event notifications
 * themselves (ElasticMQ in-process) ingest every object once and delete every message.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class IngestWorkersIT {

    private static final Path CSS = IngestTestCloud.CSS;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private DriveLogBucket bucket;
    private String vehicle;
    private final List<IngestWorkers> started = new ArrayList<>();
    /** Per drive log id, how many ingests each worker set finished (returned from the real ingester). */
    private final Map<String, Map<Long, Integer>> ingestsBy = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        bucket = DriveLogBucket.open(S3Config.embeddedOn(0), dataDir);
        vehicle = "car-" + UUID.randomUUID().toString().substring(0, 8); // the database is shared by the run
        for (String dbc : List.of("CSS-Electronics-SAE-J1939-DEMO.dbc", "gnss.dbc")) {
            upload("dbc/" + vehicle + "/" + dbc, CSS.resolve(dbc));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (IngestWorkers workers : started) {
            workers.halt();
        }
        bucket.close();
    }

    private void upload(String key, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bucket.client().putObject(p -> p.bucket("drive-logs").key(key), RequestBody.fromBytes(bytes));
    }

    private List<Long> catalogUploads(Database database, DriveLogCatalog catalog) throws Exception {
        return new ListingPoller(bucket.client(), "drive-logs", catalog,
                new IngestCursor(database.dataSource(), "drive-logs", "test-" + vehicle)).pass();
    }

    /** Workers whose ingest of this test's logs first runs {@code before} (a block or a delay), then the real one. */
    private IngestWorkers workers(String name, Database database, DriveLogCatalog catalog, Duration claim,
                                  IngestWorkers.Ingest before) {
        DriveLogIngester real = new DriveLogIngester(bucket.client(), catalog, dataDir.resolve("work-" + name),
                SignalRolesConfig.defaults());
        IngestWorkers workers = IngestWorkers.start(catalog, log -> {
            if (log.vehicle().equals(vehicle)) {
                before.ingest(log);
            }
            IngestOutcome outcome = real.ingest(log);
            ingestsBy.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).merge(log.id(), 1, Integer::sum);
            return outcome;
        }, Optional.empty(), 1, claim, 20, Clock.systemUTC(), name);
        started.add(workers);
        return workers;
    }

    private static IngestWorkers.Ingest nothing() {
        return log -> null;
    }

    @Test
    void aWorkerStoppedMidFileLeavesItsLogToAnotherWorkerAfterTheLeaseAndEveryObjectIsIngestedOnce(Database database)
            throws Exception {
        for (String name : List.of("a", "b", "c")) {
            upload("raw/" + vehicle + "/" + name + "-2F6913DB.MF4", CSS.resolve("2F6913DB-00000004-00000001.MF4"));
            upload("raw/" + vehicle + "/" + name + "-j1939.MF4", CSS.resolve("j1939-demo-00000001.MF4"));
        }
        DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), Clock.systemUTC());
        List<Long> ids = catalogUploads(database, catalog);
        assertThat(ids).hasSize(6);

        CompletableFuture<Long> midFile = new CompletableFuture<>();
        CountDownLatch never = new CountDownLatch(1);
        IngestWorkers killed = workers("worker-1", database, catalog, Duration.ofSeconds(2), log -> {
            midFile.complete(log.id());
            never.await(); // stopped here, mid-file, until halted
            return null;
        });
        long abandoned = midFile.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        workers("worker-2", database, catalog, Duration.ofSeconds(2), nothing());
        killed.halt();

        Map<Long, String> statuses = awaitSettled(database, ids);
        assertThat(statuses).as("every object of the vehicle, by drive log id").hasSize(6)
                .allSatisfy((id, status) -> assertThat(status).isEqualTo("INGESTED"));
        assertThat(ingestsBy.getOrDefault("worker-1", Map.of())).as("the killed worker finished nothing")
                .doesNotContainKey(abandoned);
        Map<Long, Integer> survivor = ingestsBy.get("worker-2");
        assertThat(survivor).as("the log taken over after its lease ran out, once").containsEntry(abandoned, 1);
        for (long id : ids) {
            assertThat(survivor.getOrDefault(id, 0) + ingestsBy.getOrDefault("worker-1", Map.of()).getOrDefault(id, 0))
                    .as("ingests of drive log %d", id).isEqualTo(1);
        }
        List<String> parquet = bucket.client().listObjectsV2(l -> l.bucket("drive-logs")
                .prefix("derived/signals/vehicle=" + vehicle + "/")).contents().stream().map(S3Object::key).toList();
        assertThat(parquet).as("one Parquet object per drive log").hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void aWorkerIngestingLongerThanItsLeaseRenewsItsClaimAndKeepsTheLog(Database database) throws Exception {
        upload("raw/" + vehicle + "/slow.MF4", CSS.resolve("j1939-demo-00000001.MF4"));
        DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), Clock.systemUTC());
        long id = catalogUploads(database, catalog).get(0);

        CompletableFuture<Long> reading = new CompletableFuture<>();
        workers("slow", database, catalog, Duration.ofSeconds(1), log -> {
            reading.complete(log.id());
            Thread.sleep(3_500); // three and a half leases
            return null;
        });
        assertThat(reading.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(id);
        workers("other", database, catalog, Duration.ofSeconds(1), nothing());

        assertThat(awaitSettled(database, List.of(id))).containsEntry(id, "INGESTED");
        assertThat(ingestsBy.get("slow")).containsEntry(id, 1);
        assertThat(ingestsBy.getOrDefault("other", Map.of())).as("never taken over").doesNotContainKey(id);
    }

    @Test
    void twoWorkerProcessesReadingOneSqsQueueIngestEveryObjectOnceAndDeleteEveryMessage(Database database,
                                                                                        @TempDir Path keys)
            throws Exception {
        try (ElasticMq elasticMq = ElasticMq.start(keys); SqsClient sender = elasticMq.client()) {
            String queueUrl = ElasticMq.createQueue(sender, "drive-logs-" + vehicle);
            int objects = 8;
            for (int i = 0; i < objects; i++) {
                String key = "raw/" + vehicle + "/drive-" + i + ".log";
                byte[] log = String.format(Locale.ROOT, "(1641469561.%06d) can0 123#11223344\n", i)
                        .getBytes(StandardCharsets.US_ASCII);
                String etag = bucket.client().putObject(p -> p.bucket("drive-logs").key(key),
                        RequestBody.fromBytes(log)).eTag();
                String event = S3EventQueueIT.created(key, etag, log.length);
                for (int delivery = 0; delivery < 2; delivery++) { // SQS delivers at least once
                    sender.sendMessage(m -> m.queueUrl(queueUrl).messageBody(event));
                }
            }
            IngestConfig settings = IngestConfig.defaults().withPollInterval(Duration.ofMillis(100))
                    .withSqs(elasticMq.settings(queueUrl));
            List<IngestService> readers = new ArrayList<>();
            try {
                for (String name : List.of("process-1", "process-2")) {
                    DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), Clock.systemUTC());
                    readers.add(IngestService.readingQueue(elasticMq.client(), "drive-logs", catalog, settings,
                            workers(name, database, catalog, Duration.ofSeconds(30), nothing())));
                }
                Map<Long, String> statuses = await("an entry for every object, none PENDING").atMost(WAIT)
                        .pollInterval(Duration.ofMillis(100)).until(() -> statuses(database),
                                settled -> settled.size() >= objects && !settled.containsValue("PENDING"));
                assertThat(statuses).as("one entry per object, though every event came twice").hasSize(objects)
                        .allSatisfy((id, status) -> assertThat(status).isEqualTo("INGESTED"));
                for (long id : statuses.keySet()) {
                    assertThat(ingestsBy.getOrDefault("process-1", Map.of()).getOrDefault(id, 0)
                            + ingestsBy.getOrDefault("process-2", Map.of()).getOrDefault(id, 0))
                            .as("ingests of drive log %d", id).isEqualTo(1);
                }
                await("every message deleted").atMost(WAIT).until(() -> ElasticMq.messagesLeft(sender, queueUrl),
                        left -> left == 0);
            } finally {
                for (IngestService reader : readers) {
                    reader.close();
                }
            }
        }
    }

    /** Status by id of this test's current entries once none of them is PENDING any more and {@code ids} are there. */
    private Map<Long, String> awaitSettled(Database database, List<Long> ids) {
        return await("drive logs " + ids + " of " + vehicle + " settled").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100)).until(() -> statuses(database),
                        statuses -> !statuses.containsValue("PENDING") && statuses.keySet().containsAll(ids));
    }

    /** Status by id of this test's current entries (those no re-upload superseded). */
    private Map<Long, String> statuses(Database database) throws SQLException {
        Map<Long, String> statuses = new TreeMap<>();
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, status FROM drive_logs WHERE vehicle = ? AND superseded_by IS NULL")) {
            s.setString(1, vehicle);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    statuses.put(r.getLong(1), r.getString(2));
                }
            }
        }
        return statuses;
    }
}
