package io.fleet.cloud.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedDatabaseExtension.class)
class ShadowCommitLanesIT {

    /** Each transaction appends one counter increment: a lost update would show as a smaller final count. */
    private static ShadowTransaction<Long> increment() {
        return current -> {
            long next = current.map(ShadowRow::version).orElse(0L) + 1;
            return ShadowTransaction.Step.write(new ShadowRow(next, "{\"count\": " + next + "}", next), next);
        };
    }

    @Test
    void concurrentUpdatesOfOneShadowLoseNothingAndVersionsStrictlyIncrease(Database db) throws Exception {
        ShadowRepository repository = new ShadowRepository(db.dataSource());
        ShadowKey key = new ShadowKey("lanes-concurrent", ShadowKey.CLASSIC);
        ConcurrentLinkedQueue<Long> versions = new ConcurrentLinkedQueue<>();
        int threads = 8;
        int perThread = 250;
        try (ShadowCommitLanes lanes = new ShadowCommitLanes(repository, 4, 64, 10_000, Thread::new)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<CompletableFuture<Long>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        CompletableFuture<Long> f = lanes.submit(key, increment());
                        synchronized (all) {
                            all.add(f);
                        }
                        f.thenAccept(versions::add);
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertThat(repository.find(key)).map(ShadowRow::version).contains((long) threads * perThread);
        // Every transaction read the version the previous one wrote: the answers are exactly 1..N, each once.
        assertThat(versions).doesNotHaveDuplicates().hasSize(threads * perThread)
                .allMatch(v -> v >= 1 && v <= threads * perThread);
    }

    @Test
    void aFailingTransactionDoesNotStopTheOthersInItsBatch(Database db) throws Exception {
        ShadowRepository repository = new ShadowRepository(db.dataSource());
        ShadowKey good = new ShadowKey("lanes-good", "named");
        ShadowKey bad = new ShadowKey("lanes-bad", ShadowKey.CLASSIC);
        try (ShadowCommitLanes lanes = new ShadowCommitLanes(repository, 1, 64, 100, Thread::new)) {
            CompletableFuture<Long> failing = lanes.submit(bad, current -> {
                throw new IllegalStateException("engine bug");
            });
            CompletableFuture<Long> ok = lanes.submit(good, increment());
            assertThat(ok.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(failing).failsWithin(10, TimeUnit.SECONDS);
        }
        assertThat(repository.find(bad)).isEmpty();
        assertThat(repository.find(good)).isPresent();
    }

    @Test
    void deleteLeavesATombstoneAndAQueueBeyondItsLimitIsRefused(Database db) throws Exception {
        ShadowRepository repository = new ShadowRepository(db.dataSource());
        ShadowKey key = new ShadowKey("lanes-delete", ShadowKey.CLASSIC);
        try (ShadowCommitLanes lanes = new ShadowCommitLanes(repository, 1, 8, 1, Thread::new)) {
            lanes.submit(key, increment()).get(10, TimeUnit.SECONDS);
            lanes.submit(key, current -> ShadowTransaction.Step.delete(
                    ShadowRow.tombstone(current.orElseThrow().version(), 1_800_000_000L), true))
                    .get(10, TimeUnit.SECONDS);
            assertThat(repository.find(key)).as("a tombstone keeps the version")
                    .contains(ShadowRow.tombstone(1, 1_800_000_000L));
            // Block the single lane so the one-slot queue fills up.
            CompletableFuture<Void> release = new CompletableFuture<>();
            CountDownLatch taken = new CountDownLatch(1);
            lanes.submit(key, current -> {
                taken.countDown();
                release.join();
                return ShadowTransaction.Step.answer(null);
            });
            assertThat(taken.await(10, TimeUnit.SECONDS)).as("the lane runs the blocking request").isTrue();
            lanes.submit(key, current -> ShadowTransaction.Step.answer(null));
            CompletableFuture<Object> refused = lanes.submit(key, current -> ShadowTransaction.Step.answer(null));
            assertThat(refused).failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(ShadowCommitLanes.LaneFullException.class);
            release.complete(null);
        }
    }

    @Test
    void committedShadowsSurviveARestartOfTheEmbeddedDatabase() throws Exception {
        Path dir = Files.createTempDirectory("fleet-db-restart");
        ShadowKey key = new ShadowKey("lanes-restart", ShadowKey.CLASSIC);
        try (Database first = Database.start(CloudConfig.defaults().database(), dir);
             ShadowCommitLanes lanes = new ShadowCommitLanes(new ShadowRepository(first.dataSource()), 2, 16, 100,
                     Thread::new)) {
            for (int i = 0; i < 5; i++) {
                lanes.submit(key, increment()).get(10, TimeUnit.SECONDS);
            }
        }
        try (Database second = Database.start(CloudConfig.defaults().database(), dir)) {
            Optional<ShadowRow> row = new ShadowRepository(second.dataSource()).find(key);
            assertThat(row).map(ShadowRow::version).contains(5L);
        }
    }

    @Test
    void aLaneThatRemembersARowAppliesItsNextUpdateOnTopOfAnotherInstancesWrite(Database db) throws Exception {
        ShadowRepository repository = new ShadowRepository(db.dataSource());
        ShadowKey key = new ShadowKey("lanes-two-instances", ShadowKey.CLASSIC);
        try (ShadowCommitLanes first = new ShadowCommitLanes(repository, 1, 64, 100, Thread::new);
             ShadowCommitLanes second = new ShadowCommitLanes(repository, 1, 64, 100, Thread::new)) {
            assertThat(first.submit(key, increment()).get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            // the second instance changes the row the first one remembers as version 1
            assertThat(second.submit(key, increment()).get(10, TimeUnit.SECONDS)).isEqualTo(2L);
            assertThat(first.submit(key, increment()).get(10, TimeUnit.SECONDS)).as("not 2 again").isEqualTo(3L);
            // a delete by the other instance keeps the version: the first must not update the live row it knew
            second.submit(key, current -> ShadowTransaction.Step.delete(
                    ShadowRow.tombstone(current.orElseThrow().version(), 1_800_000_000L), true))
                    .get(10, TimeUnit.SECONDS);
            Optional<ShadowRow> seen = first.submit(key, current -> ShadowTransaction.Step.answer(current))
                    .get(10, TimeUnit.SECONDS);
            assertThat(seen).contains(ShadowRow.tombstone(3, 1_800_000_000L));
        }
    }

    @Test
    void twoInstancesUpdatingTheSameShadowsAtOnceLoseNothing(Database db) throws Exception {
        ShadowRepository repository = new ShadowRepository(db.dataSource());
        List<ShadowKey> keys = List.of(new ShadowKey("lanes-race-a", ShadowKey.CLASSIC),
                new ShadowKey("lanes-race-b", ShadowKey.CLASSIC), new ShadowKey("lanes-race-c", "named"));
        int perInstance = 300;
        try (ShadowCommitLanes first = new ShadowCommitLanes(repository, 2, 16, 10_000, Thread::new);
             ShadowCommitLanes second = new ShadowCommitLanes(repository, 2, 16, 10_000, Thread::new)) {
            List<CompletableFuture<Long>> all = new ArrayList<>();
            for (int i = 0; i < perInstance; i++) {
                for (ShadowKey key : keys) {
                    all.add(first.submit(key, increment()));
                    all.add(second.submit(key, increment()));
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        for (ShadowKey key : keys) {
            assertThat(repository.find(key)).as(key.toString()).map(ShadowRow::version).contains(2L * perInstance);
        }
    }
}
