package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.config.S3Config;
import io.fleet.cloud.config.SignalRolesConfig;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import io.fleet.cloud.s3.DriveLogBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS trigger against ElasticMQ in-process (an SQS-compatible server), the real S3Proxy and PostgreSQL: S3 event
 * notifications as S3 writes them become PENDING entries that a worker ingests, messages are deleted only after the
 * catalog committed, and what is no S3 event stays on the queue.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class S3EventQueueIT {

    private static ElasticMq elasticMq;
    private static SqsClient sqs;

    @TempDir
    Path dataDir;

    private DriveLogBucket bucket;
    private String vehicle;
    private String queueUrl;

    @BeforeAll
    static void startSqs(@TempDir Path keys) throws Exception {
        elasticMq = ElasticMq.start(keys);
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        elasticMq.close();
    }

    @BeforeEach
    void start() throws Exception {
        bucket = DriveLogBucket.open(S3Config.embeddedOn(0), dataDir);
        vehicle = "car-" + UUID.randomUUID().toString().substring(0, 8); // the database is shared by the run
        queueUrl = ElasticMq.createQueue(sqs, "drive-logs-" + vehicle);
    }

    @AfterEach
    void stop() throws Exception {
        bucket.close();
    }

    private String upload(String key, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return bucket.client().putObject(p -> p.bucket("drive-logs").key(key), RequestBody.fromBytes(bytes)).eTag();
    }

    private void send(String body) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
    }

    static String created(String key, String quotedEtag, long size) {
        return S3EventMessageTest.message(S3EventMessageTest.record("ObjectCreated:Put", "drive-logs", key,
                quotedEtag.replace("\"", ""), size));
    }

    private int messagesLeft() {
        return ElasticMq.messagesLeft(sqs, queueUrl);
    }

    private List<Long> drain(S3EventQueue queue, int passes) throws Exception {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < passes && messagesLeft() > 0; i++) {
            created.addAll(queue.pass());
        }
        return created;
    }

    @Test
    void anObjectCreatedEventBecomesAPendingEntryThatAWorkerIngestsAndEveryMessageIsDeleted(Database database)
            throws Exception {
        Path mf4 = IngestTestCloud.CSS.resolve("2F6913DB-00000004-00000001.MF4");
        String key = "raw/" + vehicle + "/2026/12/drive 1.MF4";
        String etag = upload(key, mf4);
        upload("dbc/" + vehicle + "/gnss.dbc", IngestTestCloud.CSS.resolve("gnss.dbc"));
        send(created(key.replace(" ", "+"), etag, Files.size(mf4)));
        send(created("dbc/" + vehicle + "/gnss.dbc", "\"0f\"", 16261));
        send("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"drive-logs\"}");
        DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), Clock.systemUTC());

        List<Long> ids = drain(new S3EventQueue(sqs, queueUrl, 1, "drive-logs", catalog), 10);

        assertThat(ids).hasSize(1);
        assertThat(messagesLeft()).as("all three messages deleted").isZero();
        ListingPoller poller = new ListingPoller(bucket.client(), "drive-logs", catalog,
                new IngestCursor(database.dataSource(), "drive-logs", "test-" + vehicle));
        assertThat(poller.pass()).as("the listing sees the same object version: no second entry").isEmpty();
        send(created(key.replace(" ", "+"), etag, Files.size(mf4))); // SQS delivers at least once
        assertThat(drain(new S3EventQueue(sqs, queueUrl, 1, "drive-logs", catalog), 10)).isEmpty();

        ClaimedDriveLog claimed = claim(catalog, ids.get(0));
        assertThat(claimed.key()).isEqualTo(key);
        assertThat(claimed.vehicle()).isEqualTo(vehicle);
        IngestOutcome outcome = new DriveLogIngester(bucket.client(), catalog, dataDir.resolve("work"),
                SignalRolesConfig.defaults()).ingest(claimed);
        assertThat(outcome).as("downloaded with If-Match the event's ETag").isInstanceOf(IngestOutcome.Ingested.class);
        assertThat(((IngestOutcome.Ingested) outcome).summary().frames()).isEqualTo(5588);
        assertThat(catalog.finish(claimed, "worker", outcome, Duration.ZERO)).isTrue();
    }

    @Test
    void aMessageStaysOnTheQueueUntilItsCatalogEntryIsCommittedAndANonEventStaysForTheDeadLetterQueue(
            Database database) throws Exception {
        String key = "raw/" + vehicle + "/a.MF4";
        Path mf4 = IngestTestCloud.CSS.resolve("2F6913DB-00000004-00000001.MF4");
        send(created(key, upload(key, mf4), Files.size(mf4)));
        HikariDataSource down = new HikariDataSource();
        DatabaseConfig settings = database.connectionSettings();
        down.setJdbcUrl(settings.jdbcUrl());
        down.setUsername(settings.user());
        down.setPassword(settings.password());
        down.close(); // PostgreSQL unreachable
        S3EventQueue failing = new S3EventQueue(sqs, queueUrl, 1, "drive-logs",
                new DriveLogCatalog(down, Clock.systemUTC()));
        assertThatThrownBy(failing::pass).isInstanceOf(SQLException.class);
        assertThat(messagesLeft()).as("not deleted").isEqualTo(1);

        DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), Clock.systemUTC());
        S3EventQueue working = new S3EventQueue(sqs, queueUrl, 1, "drive-logs", catalog);
        assertThat(drain(working, 10)).as("delivered again after its visibility timeout").hasSize(1);
        assertThat(messagesLeft()).isZero();

        send("this is not an S3 event");
        assertThat(working.pass()).isEmpty();
        assertThat(messagesLeft()).as("left on the queue for its redrive policy").isEqualTo(1);
    }

    private static ClaimedDriveLog claim(DriveLogCatalog catalog, long id) throws Exception {
        for (int i = 0; i < 1000; i++) {
            Optional<ClaimedDriveLog> claimed = catalog.claimNext("worker", Duration.ofSeconds(60));
            if (claimed.isEmpty()) {
                break;
            }
            if (claimed.get().id() == id) {
                return claimed.get();
            }
        }
        throw new AssertionError("drive log " + id + " was not pending");
    }
}
