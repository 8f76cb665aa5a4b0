package io.fleet.cloud.shadow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes and group-commits shadow transactions. A shadow always maps to the same lane; each lane is one thread
 * that drains up to {@code maxBatch} waiting requests, runs them in arrival order inside ONE database transaction,
 * commits once, and only then completes the requests' futures. So an answer is never sent before its change is
 * durable, two updates of one shadow can never both read the same version, and the fsync cost is shared by the
 * whole batch.
 *
 * <p>Each lane remembers the rows it last read or wrote (up to {@code cachedShadows} in all, least recently used
 * out), so the common case, a batch of shadows it already knows, costs no read at all: its writes apply only while
 * each row still has the revision the lane knows ({@link ShadowRepository#writeAll}). When another service instance
 * sharing the table wrote one of them in between, the write misses, the lane forgets the batch's rows and runs the
 * batch again with the rows read and locked (SELECT ... FOR UPDATE, in key order), which cannot miss again.
 *
 * <p>Threads: callers (MQTT callback threads, HTTP event loops) only enqueue; lane threads run the transactions
 * and complete the futures, so completion callbacks run on the lane thread and must not block.
 */
public final class ShadowCommitLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowCommitLanes.class);
    private static final int MAX_RETRIES = 5;
    /** Rows remembered by default: a fleet of 10,000 vehicles' classic shadows. */
    public static final int DEFAULT_CACHED_SHADOWS = 10_000;

    private final ShadowRepository repository;
    private final List<Lane> lanes = new ArrayList<>();
    private final int maxBatch;
    private volatile boolean closing;

    public ShadowCommitLanes(ShadowRepository repository, int laneCount, int maxBatch, int queueLimit,
                             ThreadFactory threads) {
        this(repository, laneCount, maxBatch, queueLimit, DEFAULT_CACHED_SHADOWS, threads);
    }

    /** @param cachedShadows rows the lanes remember between batches, in all (0: read every row every time) */
    public ShadowCommitLanes(ShadowRepository repository, int laneCount, int maxBatch, int queueLimit,
                             int cachedShadows, ThreadFactory threads) {
        this.repository = repository;
        this.maxBatch = maxBatch;
        for (int i = 0; i < laneCount; i++) {
            Lane lane = new Lane(new ArrayBlockingQueue<>(queueLimit), cachedShadows / laneCount);
            lanes.add(lane);
            lane.thread = threads.newThread(lane::run);
            lane.thread.setName("shadow-lane-" + i);
            lane.thread.start();
        }
    }

    /**
     * Queues a transaction on the shadow's lane. The future fails with {@link LaneFullException} when the lane's
     * queue is full (the caller answers 429), and with the database error when the commit fails.
     */
    public <R> CompletableFuture<R> submit(ShadowKey key, ShadowTransaction<R> transaction) {
        CompletableFuture<R> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new LaneFullException("shadow service is shutting down"));
            return future;
        }
        Lane lane = lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
        if (!lane.queue.offer(new Pending<>(key, transaction, future))) {
            future.completeExceptionally(new LaneFullException("too many requests waiting for " + key));
        }
        return future;
    }

    /** Stops taking requests, finishes every request already queued, then stops the lane threads. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        for (Lane lane : lanes) {
            lane.thread.interrupt();
        }
        for (Lane lane : lanes) {
            lane.thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** The lane's queue is full, or the service is stopping. */
    public static final class LaneFullException extends RuntimeException {
        public LaneFullException(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending<R>(ShadowKey key, ShadowTransaction<R> transaction, CompletableFuture<R> future) {
    }

    private final class Lane {
        final BlockingQueue<Pending<?>> queue;
        /** The rows this lane last read or wrote; empty for a shadow known not to exist. Lane thread only. */
        final Map<ShadowKey, Optional<ShadowRepository.Stored>> known;
        Thread thread;

        Lane(BlockingQueue<Pending<?>> queue, int capacity) {
            this.queue = queue;
            this.known = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ShadowKey, Optional<ShadowRepository.Stored>> e) {
                    return size() > capacity;
                }
            };
        }

        void run() {
            List<Pending<?>> batch = new ArrayList<>(maxBatch);
            while (true) {
                try {
                    if (!closing) {
                        batch.add(queue.take());
                    }
                } catch (InterruptedException e) {
                    // closing: fall through and drain what is queued
                }
                queue.drainTo(batch, maxBatch - batch.size());
                if (batch.isEmpty()) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                commitWithRetries(batch);
                batch.clear();
            }
        }

        /** First from the rows the lane knows; after a miss or a failure with the rows read and locked. */
        private void commitWithRetries(List<Pending<?>> batch) {
            for (int attempt = 1; ; attempt++) {
                try {
                    List<Runnable> completions = commit(batch, attempt > 1);
                    if (completions != null) {
                        completions.forEach(Runnable::run);
                        return;
                    }
                    LOG.debug("shadow written concurrently by another instance; retrying batch");
                } catch (SQLException | RuntimeException e) {
                    if (attempt >= MAX_RETRIES) {
                        LOG.error("shadow commit failed after {} attempts: {}", attempt, e.toString());
                        batch.forEach(p -> p.future().completeExceptionally(e));
                        return;
                    }
                    LOG.warn("shadow commit failed (attempt {}): {}", attempt, e.toString());
                }
            }
        }

        /**
         * Runs the batch in one transaction; returns the completions to run after commit, or null to retry. With
         * {@code lock}, every row is read and locked; without, only the rows the lane does not know are read.
         */
        private List<Runnable> commit(List<Pending<?>> batch, boolean lock) throws SQLException {
            SortedSet<ShadowKey> keys = new TreeSet<>();
            batch.forEach(p -> keys.add(p.key()));
            Map<ShadowKey, ShadowRepository.Stored> stored = new HashMap<>();
            Set<ShadowKey> unknown = new HashSet<>();
            for (ShadowKey key : keys) {
                Optional<ShadowRepository.Stored> row = lock ? null : known.get(key);
                if (row == null) {
                    unknown.add(key);
                } else {
                    row.ifPresent(r -> stored.put(key, r));
                }
            }
            boolean committed = false;
            try (Connection c = repository.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                    if (!unknown.isEmpty()) {
                        stored.putAll(repository.readAll(c, unknown, lock));
                    }
                    Map<ShadowKey, Optional<ShadowRow>> current = new HashMap<>();
                    keys.forEach(k -> current.put(k,
                            Optional.ofNullable(stored.get(k)).map(ShadowRepository.Stored::row)));
                    List<Runnable> completions = new ArrayList<>(batch.size());
                    for (Pending<?> p : batch) {
                        completions.add(apply(p, current));
                    }
                    SortedMap<ShadowKey, ShadowRow> inserts = new TreeMap<>();
                    SortedMap<ShadowKey, ShadowRepository.Change> changes = new TreeMap<>();
                    for (ShadowKey key : keys) {
                        ShadowRepository.Stored before = stored.get(key);
                        Optional<ShadowRow> after = current.get(key);
                        if (after.isEmpty()) {
                            continue; // a row is never removed: a delete leaves a tombstone
                        }
                        if (before == null) {
                            inserts.put(key, after.get());
                        } else if (after.get() != before.row()) {
                            changes.put(key, new ShadowRepository.Change(after.get(), before.revision()));
                        }
                    }
                    if (!repository.writeAll(c, inserts, changes)
                            || !stillCurrent(c, keys, unknown, stored, inserts, changes)) {
                        c.rollback();
                        return null;
                    }
                    c.commit();
                    committed = true;
                    for (ShadowKey key : keys) {
                        known.put(key, Optional.ofNullable(afterCommit(stored.get(key), inserts.get(key),
                                changes.get(key))));
                    }
                    return completions;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } finally {
                if (!committed) {
                    keys.forEach(known::remove); // what the database holds now is read again
                }
            }
        }

        /**
         * Whether the remembered rows that were only read (a get, a rejected update) are still what the table holds:
         * their answers rest on them, and no conditional write has checked them. One query of the revisions.
         */
        private boolean stillCurrent(Connection c, SortedSet<ShadowKey> keys, Set<ShadowKey> unknown,
                                     Map<ShadowKey, ShadowRepository.Stored> stored,
                                     Map<ShadowKey, ShadowRow> inserts,
                                     Map<ShadowKey, ShadowRepository.Change> changes) throws SQLException {
            List<ShadowKey> onlyRead = new ArrayList<>();
            for (ShadowKey key : keys) {
                if (!inserts.containsKey(key) && !changes.containsKey(key) && !unknown.contains(key)) {
                    onlyRead.add(key);
                }
            }
            if (onlyRead.isEmpty()) {
                return true;
            }
            Map<ShadowKey, Long> now = repository.revisions(c, onlyRead);
            for (ShadowKey key : onlyRead) {
                ShadowRepository.Stored known = stored.get(key);
                if (!Objects.equals(now.get(key), known == null ? null : known.revision())) {
                    return false;
                }
            }
            return true;
        }

        /** What the table holds for a key once the batch is committed; null when there is no row. */
        private static ShadowRepository.Stored afterCommit(ShadowRepository.Stored before, ShadowRow inserted,
                                                           ShadowRepository.Change change) {
            if (inserted != null) {
                return new ShadowRepository.Stored(inserted, 1);
            }
            return change != null ? new ShadowRepository.Stored(change.row(), change.expectedRevision() + 1) : before;
        }

        private <R> Runnable apply(Pending<R> p, Map<ShadowKey, Optional<ShadowRow>> current) {
            ShadowTransaction.Step<R> step;
            try {
                step = p.transaction().apply(current.get(p.key()));
            } catch (RuntimeException e) {
                LOG.error("shadow transaction for {} failed", p.key(), e);
                return () -> p.future().completeExceptionally(e);
            }
            if (step.action() == ShadowTransaction.Action.WRITE) {
                current.put(p.key(), Optional.of(step.row()));
            }
            R result = step.result();
            return () -> p.future().complete(result);
        }
    }
}
