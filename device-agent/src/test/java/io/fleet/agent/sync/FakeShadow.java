package io.fleet.agent.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** A shadow port that records reports and answers GETs with a preset snapshot; optionally offline. */
final class FakeShadow implements ShadowPort {

    final LinkedBlockingQueue<Map<String, Object>> reports = new LinkedBlockingQueue<>();
    final List<String> calls = new ArrayList<>();
    volatile Snapshot snapshot = new Snapshot(0, Map.of(), Map.of());
    volatile boolean offline;
    /** Receipts the agent wrote (lastCommand IN_PROGRESS), in order. */
    final LinkedBlockingQueue<Map<String, Object>> receipts = new LinkedBlockingQueue<>();
    /** While set, desired no longer holds what the agent received: receipts are refused as a withdrawn command's. */
    volatile boolean withdrawn;
    /** Runs when a receipt arrives, before it is answered (tests look at the ECU then). */
    volatile Runnable onAcknowledge = () -> { };

    @Override
    public synchronized CompletableFuture<Void> report(Map<String, Object> reported) {
        calls.add("report");
        if (offline) {
            return CompletableFuture.failedFuture(new IllegalStateException("offline"));
        }
        reports.add(reported);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Boolean> acknowledge(Map<String, Object> receipt, String path,
                                                               Object requested, long desiredTimestamp, long version) {
        calls.add("acknowledge " + path);
        onAcknowledge.run();
        if (offline) {
            return CompletableFuture.failedFuture(new IllegalStateException("offline"));
        }
        if (withdrawn) {
            return CompletableFuture.completedFuture(false);
        }
        receipts.add(receipt);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletableFuture<Snapshot> get() {
        calls.add("get");
        if (offline) {
            return CompletableFuture.failedFuture(new IllegalStateException("offline"));
        }
        return CompletableFuture.completedFuture(snapshot);
    }

    @Override
    public synchronized CompletableFuture<Optional<AppliedDesired>> canonicalizeDesired(String path,
            Object requested, Object canonical) {
        calls.add("canonicalize " + path);
        return CompletableFuture.completedFuture(Optional.empty());
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
