package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.AdjustableClock;
import io.fleet.cloud.config.TestConfig;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import io.fleet.cloud.s3.DriveLogBucket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The listing poller and the claim rows against the real S3Proxy and PostgreSQL, driven step by step: a pass
 * interrupted by a restart resumes after its persisted cursor and the next pass takes what sorted before it, two
 * instances polling at once take every object once, and a dead worker's expired claim is taken over.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class IngestTriggerIT {

    @TempDir
    Path dataDir;

    private DriveLogBucket bucket;
    private String vehicle;

    @BeforeEach
    void start() throws Exception {
        bucket = DriveLogBucket.open(TestConfig.embeddedS3OnAnyPort(), dataDir);
        vehicle = "car-" + UUID.randomUUID().toString().substring(0, 8); // the database is shared by the run
    }

    @AfterEach
    void stop() throws Exception {
        bucket.close();
    }

    private void upload(String name) {
        bucket.client().putObject(p -> p.bucket("drive-logs").key("raw/" + vehicle + "/" + name),
                RequestBody.fromString("(1701363725.000000) can0 123#00\n"));
    }

    private ListingPoller poller(Database database, DriveLogCatalog catalog, String prefix) {
        return new ListingPoller(bucket.client(), "drive-logs", catalog,
                new IngestCursor(database.dataSource(), "drive-logs", prefix), 2);
    }

    private static List<String> keys(Database database, List<Long> ids) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT object_key FROM drive_logs WHERE id = ANY (?) ORDER BY object_key")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1).substring(r.getString(1).lastIndexOf('/') + 1));
                }
            }
        }
        return keys;
    }

    @Test
    void aPassInterruptedByARestartResumesAfterItsCursorAndTheNextPassTakesWhatSortedBefore(Database database)
            throws Exception {
        for (String name : List.of("a.log", "b.log", "c.log", "d.log", "e.log")) {
            upload(name);
        }
        DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), Clock.systemUTC());
        // as left by an instance that stopped after taking the page ending at c.log (a prefix of this test's own)
        String prefix = "test-" + vehicle;
        IngestCursor cursor = new IngestCursor(database.dataSource(), "drive-logs", prefix);
        try (Connection c = database.dataSource().getConnection()) {
            cursor.advance(c, "raw/" + vehicle + "/c.log", Instant.now());
        }
        ListingPoller restarted = new ListingPoller(bucket.client(), "drive-logs", catalog, cursor, 2);

        assertThat(keys(database, restarted.pass())).containsExactly("d.log", "e.log");
        assertThat(cursor.startAfter()).isEmpty();
        assertThat(cursor.passes()).isEqualTo(1);
        upload("0-uploaded-late.log"); // sorts before everything taken so far
        assertThat(keys(database, restarted.pass())).containsExactly("0-uploaded-late.log", "a.log", "b.log",
                "c.log");
        assertThat(restarted.pass()).isEmpty();
        assertThat(cursor.passes()).isEqualTo(3);
    }

    @Test
    void twoInstancesPollingAtOnceTakeEveryObjectOnce(Database database) throws Exception {
        for (int i = 0; i < 12; i++) {
            upload("log-" + i + ".log");
        }
        DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), Clock.systemUTC());
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Long> taken = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<Future<List<Long>>> passes = new ArrayList<>();
                for (String instance : List.of("one", "two")) {
                    ListingPoller poller = poller(database, catalog, "test-" + vehicle + "-" + instance);
                    passes.add(instances.submit((Callable<List<Long>>) poller::pass));
                }
                for (Future<List<Long>> pass : passes) {
                    taken.addAll(pass.get());
                }
            }
            List<String> names = keys(database, taken);
            assertThat(taken).doesNotHaveDuplicates();
            assertThat(names).hasSize(12).doesNotHaveDuplicates();
        } finally {
            instances.shutdownNow();
        }
    }

    @Test
    void aDeadWorkersClaimExpiresAndAnotherWorkerTakesTheLogWhileTheLateOneChangesNothing(Database database)
            throws Exception {
        upload("only.log");
        AdjustableClock clock = AdjustableClock.standingStill();
        DriveLogCatalog catalog = new DriveLogCatalog(database.dataSource(), clock);
        poller(database, catalog, "test-" + vehicle).pass();
        String key = "raw/" + vehicle + "/only.log";

        ClaimedDriveLog first = claimOf(catalog, "worker-1", key);
        assertThat(claimOf(catalog, "worker-2", key)).as("claimed by worker-1 still").isNull();
        clock.advance(Duration.ofSeconds(61));
        ClaimedDriveLog second = claimOf(catalog, "worker-2", key);
        assertThat(second).isNotNull();
        assertThat(second.id()).isEqualTo(first.id());

        LogSummary summary = new LogSummary("CANDUMP", Optional.empty(), Optional.empty(), 1,
                Map.of("can0", 1L), List.of(), 1, List.of(), List.of());
        assertThat(catalog.finish(first, "worker-1", new IngestOutcome.Ingested("aa", summary), Duration.ZERO))
                .isFalse();
        assertThat(catalog.finish(second, "worker-2", new IngestOutcome.Ingested("bb", summary), Duration.ZERO))
                .isTrue();
        DriveLog log = new DriveLogQueries(database.dataSource(), Runnable::run)
                .get(new io.fleet.cloud.users.User(0, "admin", io.fleet.cloud.users.User.Role.ADMIN, List.of(),
                        Optional.empty()), first.id()).get().orElseThrow().log();
        assertThat(log.status()).isEqualTo(DriveLogStatus.INGESTED);
        assertThat(log.sha256()).contains("bb");
    }

    /** Claims PENDING entries until this test's own (others may be left by other tests of the run). */
    private static ClaimedDriveLog claimOf(DriveLogCatalog catalog, String worker, String key) throws Exception {
        for (int i = 0; i < 1000; i++) {
            Optional<ClaimedDriveLog> claimed = catalog.claimNext(worker, Duration.ofSeconds(60));
            if (claimed.isEmpty()) {
                return null;
            }
            if (claimed.get().key().equals(key)) {
                return claimed.get();
            }
        }
        throw new AssertionError("more than 1000 pending entries");
    }
}
