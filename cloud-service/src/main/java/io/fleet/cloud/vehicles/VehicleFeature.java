package io.fleet.cloud.vehicles;

import io.fleet.cloud.broker.MqttEndpoint;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the vehicles feature (commands, tracking, connectivity, events) for the app API, the console and
 * Alexa, and owns its threads: a worker pool for JDBC, the single vehicle-events thread, the expiry timer, and the
 * command change feed that streams every instance's command changes ({@link CommandChangeFeed}).
 */
public final class VehicleFeature implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VehicleFeature.class);

    private final VehicleService service;
    private final ExecutorService workers;
    private final ScheduledExecutorService events;
    private final OverdueCommands overdue;
    private final AgentMetricsBoard agents;
    private CommandTracker tracker;
    private VehicleEventsSubscriber subscriber;
    private CommandChangeFeed feed;

    private VehicleFeature(VehicleService service, ExecutorService workers, ScheduledExecutorService events,
                           OverdueCommands overdue, AgentMetricsBoard agents) {
        this.service = service;
        this.workers = workers;
        this.events = events;
        this.overdue = overdue;
        this.agents = agents;
    }

    /**
     * @param commandTimeout how long a received command may stay without an outcome before it is TIMED_OUT and
     *                       withdrawn, and the expiry of a command submitted without one
     * @param maxExpiry      the longest expiry a command may ask for
     */
    public static VehicleFeature start(DataSource dataSource, ShadowBackend shadows, MqttEndpoint broker,
                                       Clock clock, Duration commandTimeout, Duration maxExpiry) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8, named("vehicle-api"));
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(named("vehicle-events"));
        VehicleEventHub hub = new VehicleEventHub();
        CommandRepository commands = new CommandRepository(dataSource);
        PresenceRepository presence = new PresenceRepository(dataSource);
        CommandTracker tracker = new CommandTracker(commands, presence, hub, clock);
        CommandWithdrawal withdrawal = new CommandWithdrawal(shadows, commands, tracker, workers, clock);
        tracker.onOutcome(ended -> withdrawal.withdrawExpiry(ended).exceptionally(failure -> {
            LOG.warn("the expiry of command {} on {} stays in desired: {}", ended.id(), ended.vehicle(),
                    failure.toString());
            return null;
        }));
        OverdueCommands overdue = new OverdueCommands(commands, withdrawal, clock, commandTimeout);
        AgentMetricsBoard agents = new AgentMetricsBoard();
        VehicleFeature feature = new VehicleFeature(new VehicleService(shadows, commands, presence, tracker,
                withdrawal, hub, agents, workers, clock, new VehicleService.Expiry(commandTimeout, maxExpiry)),
                workers, events, overdue, agents);
        feature.tracker = tracker;
        try {
            feature.feed = CommandChangeFeed.start(dataSource, commands, hub);
            feature.subscriber = VehicleEventsSubscriber.connect(broker, tracker, agents, events)
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            feature.close();
            throw e;
        }
        long period = Math.max(1, Math.min(5, commandTimeout.toSeconds() / 4));
        events.scheduleWithFixedDelay(() -> {
            try {
                overdue.sweep();
            } catch (Exception e) {
                LOG.warn("command expiry failed: {}", e.toString());
            }
        }, period, period, TimeUnit.SECONDS);
        return feature;
    }

    public Vehicles vehicles() {
        return service;
    }

    /**
     * From now on {@code watcher} hears of every device that connects and of every classic shadow's documents, after
     * they are stored (the presence row, the shadow), on the vehicle-events thread.
     */
    public void watchDevices(DeviceWatcher watcher) {
        tracker.watchDevices(watcher);
    }

    /**
     * Runs the sweep for overdue commands now, on the vehicle-events thread as its timer does, for a caller that
     * cannot wait for the next period (a test that moved the clock). Completes as {@link OverdueCommands#sweep} does:
     * true once the sweep and its withdrawals are done, false when the previous sweep's withdrawals were still under
     * way and it did not run.
     */
    public CompletableFuture<Boolean> sweepOverdueCommandsNow() {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return overdue.sweep();
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, events).thenCompose(Function.identity());
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(closed);
        }
    }

    /** Agent counters messages left out because the one already kept for the vehicle was newer (by its ts). */
    public long staleAgentMetrics() {
        return agents.staleMessages();
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (feed != null) {
            feed.close();
        }
        events.shutdown();
        workers.shutdown();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
