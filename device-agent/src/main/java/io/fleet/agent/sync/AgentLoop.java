package io.fleet.agent.sync;

import io.fleet.agent.ecu.EcuAdapter;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.CommandExpiry;
import io.fleet.model.vehicle.CommandStatus;
import io.fleet.model.vehicle.DesiredChange;
import io.fleet.model.vehicle.LastCommand;
import io.fleet.model.vehicle.VehicleAttributes;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's single thread of decisions ({@code agent-loop}). SDK callbacks (CRT event-loop threads) and the ECU
 * adapter only {@link #submit} events into a bounded queue; everything that reads or changes the journal, runs a
 * command or sends a report happens here, one event at a time.
 *
 * <p>Guarantees: a desired change is executed only after the shadow accepted its receipt (reported.lastCommand
 * IN_PROGRESS, conditional on desired still holding it) and only before the expiry carried with it; the journal
 * records a desired change before it is actuated (at most once, also across restarts);
 * a delta leaf at or below the version already acted on, or the same desired value with the same timestamp, is not
 * executed again; the true vehicle state is reported on every connect before the shadow is read again; reports
 * made while offline coalesce into one.
 */
public final class AgentLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);

    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    /** Longer than the update channel's own 10 s, so a receipt normally ends with its answer, not this wait. */
    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(15);

    private final BlockingQueue<AgentEvent> queue = new ArrayBlockingQueue<>(1024);
    /** Set when an event had to be dropped because the queue was full: a fresh GET then recovers. */
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final ShadowPort shadow;
    private final EcuAdapter ecu;
    private final Journal journal;
    private final CommandRunner runner;
    private final Clock clock;
    private volatile JournalState memory;
    /** Only schedules {@link AgentEvent.Retry} events; the retry itself runs on the agent thread. */
    private final ScheduledExecutorService retryTimer;
    private final boolean ownRetryTimer;
    private final AgentMetrics metrics;
    private boolean retryScheduled;
    private boolean connected;
    private boolean resyncDue;

    public AgentLoop(ShadowPort shadow, EcuAdapter ecu, Journal journal, Clock clock, Duration commandTimeout)
            throws IOException {
        this(shadow, ecu, journal, clock, commandTimeout, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "agent-retry-timer");
            thread.setDaemon(true);
            return thread;
        }), true, new AgentMetrics(clock));
    }

    /**
     * A loop whose retry timer is {@code timers}, shared with other agents ({@link #stop()} leaves it running),
     * counting its command outcomes in {@code metrics}.
     */
    public AgentLoop(ShadowPort shadow, EcuAdapter ecu, Journal journal, Clock clock, Duration commandTimeout,
                     ScheduledExecutorService timers, AgentMetrics metrics) throws IOException {
        this(shadow, ecu, journal, clock, commandTimeout, timers, false, metrics);
    }

    private AgentLoop(ShadowPort shadow, EcuAdapter ecu, Journal journal, Clock clock, Duration commandTimeout,
                      ScheduledExecutorService retryTimer, boolean ownRetryTimer, AgentMetrics metrics)
            throws IOException {
        this.retryTimer = retryTimer;
        this.ownRetryTimer = ownRetryTimer;
        this.metrics = metrics;
        this.shadow = shadow;
        this.ecu = ecu;
        this.journal = journal;
        this.runner = new CommandRunner(ecu, clock, commandTimeout);
        this.clock = clock;
        JournalState stored = journal.load();
        // After a restart the truth is the vehicle, not what was reported before: report it first, with the
        // outcome of a command the previous run died in.
        boolean diedMidCommand = stored.inFlight() != null;
        if (diedMidCommand) {
            stored = stored.withPendingReport(ecu.state(), stored.inFlight());
        }
        // Always, even when nothing changed: the shadow may have been reset or edited while the agent was down.
        this.memory = stored.withPendingReport(ecu.state(), null);
        if (diedMidCommand) {
            journal.save(memory); // the interrupted command is now its FAILED outcome: never "in flight" again
        }
        ecu.onStateChange(state -> submit(new AgentEvent.VehicleChanged(state)));
    }

    /** Hands an event to the agent thread without blocking; callable from any thread. */
    void submit(AgentEvent event) {
        if (!queue.offer(event)) {
            overflowed.set(true);
            LOG.warn("agent queue full, dropped {}; the shadow will be read again", event.getClass().getSimpleName());
        }
    }

    /**
     * Completes when the agent thread has handled every event submitted before this call and every event those
     * caused, and found nothing else waiting: a test's "nothing more happened" is then a fact, not a sleep.
     */
    CompletableFuture<Void> whenSettled() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new AgentEvent.Settled(done));
        return done;
    }

    public void connected() {
        submit(new AgentEvent.Connected());
    }

    public void disconnected() {
        submit(new AgentEvent.Disconnected());
    }

    public void delta(long version, Map<String, Object> state, Map<String, Object> metadata) {
        submit(new AgentEvent.Delta(version, state, metadata, false));
    }

    public void stop() {
        if (ownRetryTimer) {
            retryTimer.shutdownNow();
        }
        queue.clear();
        submit(new AgentEvent.Stop());
    }

    /** The journal as the agent thread last saved it; for tests and status output. */
    public JournalState journalState() {
        return memory;
    }

    @Override
    public void run() {
        try {
            while (true) {
                AgentEvent event = queue.take();
                if (event instanceof AgentEvent.Stop) {
                    return;
                }
                handle(event);
                if (overflowed.getAndSet(false) && connected) {
                    resync();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(AgentEvent event) {
        try {
            dispatch(event);
        } catch (RuntimeException e) {
            // A bug in handling one event must not stop the agent: log it and keep serving.
            LOG.error("agent failed to handle {}", event, e);
        }
    }

    private void dispatch(AgentEvent event) {
        if (event instanceof AgentEvent.Connected) {
            connected = true;
            resync();
        } else if (event instanceof AgentEvent.Disconnected) {
            connected = false;
        } else if (event instanceof AgentEvent.Delta) {
            if (((AgentEvent.Delta) event).fromGet()) {
                resyncDue = false;
            }
            act((AgentEvent.Delta) event);
        } else if (event instanceof AgentEvent.NothingDesired) {
            resyncDue = false;
        } else if (event instanceof AgentEvent.GetFailed) {
            LOG.warn("shadow GET failed: {}", ((AgentEvent.GetFailed) event).cause().toString());
            resyncDue = false;
            scheduleRetry();
        } else if (event instanceof AgentEvent.Retry) {
            retryScheduled = false;
            if (connected) {
                resync();
            }
        } else if (event instanceof AgentEvent.VehicleChanged) {
            VehicleState state = ((AgentEvent.VehicleChanged) event).state();
            if (!state.equals(memory.reported())) {
                save(memory.withPendingReport(state, null));
                sendReport();
            }
        } else if (event instanceof AgentEvent.DesiredCanonicalized) {
            AgentEvent.DesiredCanonicalized rewritten = (AgentEvent.DesiredCanonicalized) event;
            save(memory.withApplied(rewritten.path(), rewritten.applied()));
        } else if (event instanceof AgentEvent.ReportSent) {
            // Not written to disk: a journal that still says "report pending" after a crash only makes the restarted
            // agent report the true state once more, which it does first anyway. Saves a write and two fsyncs per
            // report, the agent's largest cost beside the network (BENCHMARKS.md, fleet simulator).
            memory = memory.withReportSent(((AgentEvent.ReportSent) event).state());
            if (memory.reportPending()) {
                sendReport(); // the vehicle changed while that report was on its way: send the newer state too
            } else {
                getIfDue();
            }
        } else if (event instanceof AgentEvent.Settled settled) {
            if (queue.isEmpty()) {
                settled.done().complete(null);
            } else {
                submit(settled); // what is waiting (and what it causes) comes first
            }
        } else if (event instanceof AgentEvent.ReportFailed) {
            LOG.warn("report failed, kept for a retry: {}", ((AgentEvent.ReportFailed) event).cause().toString());
            getIfDue();
            scheduleRetry();
        }
    }

    /** While connected, a failed report or GET is tried again after a pause (a reconnect also retries). */
    private void scheduleRetry() {
        if (!connected || retryScheduled) {
            return;
        }
        retryScheduled = true;
        try {
            retryTimer.schedule(() -> submit(new AgentEvent.Retry()), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            retryScheduled = false;
        }
    }

    /** On connect: report the true state first when anything is pending, then read the shadow. */
    private void resync() {
        resyncDue = true;
        if (memory.reportPending()) {
            sendReport();
        } else {
            getIfDue();
        }
    }

    private void getIfDue() {
        if (!resyncDue || !connected) {
            return;
        }
        shadow.get().whenComplete((snapshot, failure) -> {
            if (failure != null) {
                submit(new AgentEvent.GetFailed(failure));
            } else if (snapshot == null || snapshot.delta() == null || snapshot.delta().isEmpty()) {
                submit(new AgentEvent.NothingDesired());
            } else {
                submit(new AgentEvent.Delta(snapshot.version(), snapshot.delta(), snapshot.desiredMetadata(), true));
            }
        });
    }

    private void act(AgentEvent.Delta delta) {
        for (DesiredChange change : VehicleAttributes.parseDelta(delta.state())) {
            long timestamp = DesiredTimestamps.of(delta.metadata(), change.path());
            AppliedDesired applied = memory.applied().get(change.path());
            if (applied != null && applied.covers(delta.version(), change.requested(), timestamp)) {
                LOG.debug("skipping {} at version {}: already acted on", change.path(), delta.version());
                continue;
            }
            AppliedDesired desired = new AppliedDesired(delta.version(), change.requested(), timestamp);
            long now = clock.instant().getEpochSecond();
            long deadline = CommandExpiry.deadline(delta.state(), delta.metadata(), change.path());
            if (deadline >= 0 && now > deadline) {
                finish(change, desired, new LastCommand(change.path(), change.requested(), delta.version(),
                        CommandStatus.EXPIRED, "received at " + now + ", after the command expired at " + deadline
                        + " (epoch seconds); not executed", now));
                continue;
            }
            if (!received(change, delta.version(), timestamp)) {
                continue;
            }
            // Journal first: a crash during actuation must not repeat the command after restart.
            save(memory.withStarted(change.path(), desired, new LastCommand(change.path(), change.requested(),
                    delta.version(), CommandStatus.FAILED, "the agent restarted during actuation; not repeated",
                    clock.instant().getEpochSecond())));
            LastCommand outcome = runner.run(change, delta.version());
            finish(change, desired, outcome);
        }
    }

    /**
     * Reports receipt (lastCommand IN_PROGRESS) and waits for the shadow to accept it, so the cloud can say
     * DELIVERED and a cancel that the shadow accepted first stops the command here. False when the change must not
     * run now: withdrawn meanwhile, or the receipt could not be written (a resync reads the shadow again).
     */
    private boolean received(DesiredChange change, long version, long timestamp) {
        if (!connected) {
            return false; // the resync on the next connect reads the delta again
        }
        LastCommand receipt = new LastCommand(change.path(), change.requested(), version, CommandStatus.IN_PROGRESS,
                null, clock.instant().getEpochSecond());
        try {
            boolean written = shadow.acknowledge(receipt.toMap(), change.path(), change.requested(), timestamp,
                    version).get(RECEIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!written) {
                LOG.info("command {}={} (desired version {}) was withdrawn before it was received; not executed",
                        change.path(), change.requested(), version);
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("could not report receipt of {}={}, reading the shadow again: {}", change.path(),
                    change.requested(), e.toString());
            scheduleRetry();
            return false;
        }
    }

    private void finish(DesiredChange change, AppliedDesired desired, LastCommand outcome) {
        if (outcome.status() == CommandStatus.EXPIRED) {
            save(memory.withApplied(change.path(), desired));
        }
        metrics.commandFinished(outcome.status());
        LOG.info("command {}={} (desired version {}): {}{}", outcome.attribute(), outcome.value(),
                outcome.desiredVersion(), outcome.status(), outcome.reason() == null ? "" : " - " + outcome.reason());
        save(memory.withPendingReport(ecu.state(), outcome));
        sendReport();
        if (outcome.status() == CommandStatus.SUCCEEDED && change instanceof DesiredChange.Valid) {
            canonicalize(((DesiredChange.Valid) change).command());
        }
    }

    /** After "down" succeeded, desired becomes 100 so the shadow shows no delta left. */
    private void canonicalize(Command command) {
        if (!connected || AppliedDesired.sameValue(command.value(), command.requested())) {
            return;
        }
        shadow.canonicalizeDesired(command.path(), command.requested(), command.value()).whenComplete(
                (rewritten, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not rewrite desired {}: {}", command.path(), failure.toString());
                    } else {
                        rewritten.ifPresent(applied -> submit(new AgentEvent.DesiredCanonicalized(command.path(),
                                applied)));
                    }
                });
    }

    private void sendReport() {
        if (!connected) {
            return; // coalesced: the journal holds the latest state, sent on the next connect
        }
        VehicleState state = memory.reported();
        Map<String, Object> reported = new LinkedHashMap<>(state.toNested());
        if (memory.lastCommand() != null) {
            reported.put("lastCommand", memory.lastCommand().toMap());
        }
        shadow.report(reported).whenComplete((ok, failure) -> submit(failure == null
                ? new AgentEvent.ReportSent(state) : new AgentEvent.ReportFailed(failure)));
    }

    private void save(JournalState next) {
        try {
            journal.save(next);
            memory = next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + journal.file(), e);
        }
    }
}
