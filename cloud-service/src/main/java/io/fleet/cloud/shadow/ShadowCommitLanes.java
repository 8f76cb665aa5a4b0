package io.fleet.cloud.shadow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes and group-commits shadow transactions. A shadow always maps to the same lane; each lane is one thread
 * that drains up to {@code maxBatch} waiting requests, runs them in arrival order inside ONE database transaction
 * (rows locked with SELECT ... FOR UPDATE, so several service instances can share the table), commits once, and
 * only then completes the requests' futures. So an answer is never sent before its change is durable, two updates
 * of one shadow can never both read the same version, and the fsync cost is shared by the whole batch.
 *
 * <p>Threads: callers (MQTT callback threads, HTTP event loops) only enqueue; lane threads run the transactions
 * and complete the futures, so completion callbacks run on the lane thread and must not block.
 */
public final class ShadowCommitLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowCommitLanes.class);
    private static final int MAX_RETRIES = 5;

    private final ShadowRepository repository;
    private final List<Lane> lanes = new ArrayList<>();
    private final int maxBatch;
    private volatile boolean closing;

    public ShadowCommitLanes(ShadowRepository repository, int laneCount, int maxBatch, int queueLimit,
                             ThreadFactory threads) {
        this.repository = repository;
        this.maxBatch = maxBatch;
        for (int i = 0; i < laneCount; i++) {
            Lane lane = new Lane(new ArrayBlockingQueue<>(queueLimit));
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
        Thread thread;

        Lane(BlockingQueue<Pending<?>> queue) {
            this.queue = queue;
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

        private void commitWithRetries(List<Pending<?>> batch) {
            for (int attempt = 1; ; attempt++) {
                try {
                    List<Runnable> completions = commit(batch);
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

        /** Runs the batch in one transaction; returns the completions to run after commit, or null to retry. */
        private List<Runnable> commit(List<Pending<?>> batch) throws SQLException {
            Set<ShadowKey> keys = new LinkedHashSet<>();
            batch.forEach(p -> keys.add(p.key()));
            try (Connection c = repository.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                    Map<ShadowKey, ShadowRow> stored = repository.lockAll(c, keys);
                    Map<ShadowKey, Optional<ShadowRow>> current = new HashMap<>();
                    keys.forEach(k -> current.put(k, Optional.ofNullable(stored.get(k))));
                    List<Runnable> completions = new ArrayList<>(batch.size());
                    for (Pending<?> p : batch) {
                        completions.add(apply(p, current));
                    }
                    Map<ShadowKey, ShadowRow> inserts = new LinkedHashMap<>();
                    Map<ShadowKey, ShadowRow> updates = new LinkedHashMap<>();
                    for (ShadowKey key : keys) {
                        ShadowRow before = stored.get(key);
                        Optional<ShadowRow> after = current.get(key);
                        if (after.isEmpty()) {
                            continue; // a row is never removed: a delete leaves a tombstone
                        }
                        if (before == null) {
                            inserts.put(key, after.get());
                        } else if (after.get() != before) {
                            updates.put(key, after.get());
                        }
                    }
                    if (!repository.writeAll(c, inserts, updates)) {
                        c.rollback();
                        return null;
                    }
                    c.commit();
                    return completions;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
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
