package io.fleet.agent.simulate;

import io.fleet.agent.AgentConfig;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.sync.AgentMetrics;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.agent.sync.Journal;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many real {@link DeviceAgent}s in one JVM, each with its own certificate, MQTT connection (client id = thing
 * name), journal and {@link SimulatedVehicle}: load tests and demos of a fleet.
 *
 * <p>Threads: every agent keeps its own {@code agent-loop-<thing>} thread (it waits for actuations); the timers of
 * all agents (telemetry ticks, retries) share one {@code fleet-timers} thread and all vehicles one
 * {@code fleet-vehicles} thread (a simulated actuation is a scheduled state change); MQTT runs on the CRT's shared
 * event loop. So N agents need about N + 2 platform threads besides the CRT's.
 */
public final class FleetSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetSimulator.class);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    private final List<DeviceAgent> agents = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("fleet-timers"));
    private final ScheduledExecutorService vehicles =
            Executors.newSingleThreadScheduledExecutor(daemon("fleet-vehicles"));
    private final int size;
    private volatile boolean closed;

    /** An empty fleet; {@link #start} adds the agents. {@link #close()} may run meanwhile (Ctrl-C). */
    public FleetSimulator(int size) {
        this.size = size;
    }

    /**
     * Starts one agent per thing, at most {@code parallelConnects} of them connecting at a time (each connect is a
     * TLS handshake: CPU-bound on the client and the broker). Returns once every agent has been started and has
     * connected or waited 30 s for it; the agents keep reconnecting by themselves. Stops early when closed.
     *
     * @param configOf the validated config of one thing (its certificate, journal directory...)
     */
    public void start(List<String> things, Function<String, AgentConfig> configOf, SimulationSettings simulation,
                      int parallelConnects) throws IOException, InterruptedException {
        Semaphore connecting = new Semaphore(parallelConnects);
        for (String thing : things) {
            connecting.acquire();
            synchronized (this) {
                if (closed) {
                    return;
                }
                DeviceAgent agent = startAgent(configOf.apply(thing), simulation);
                agent.firstConnection().copy().orTimeout(CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS)
                        .whenComplete((ok, failure) -> connecting.release());
            }
        }
        connecting.acquire(parallelConnects);
    }

    private DeviceAgent startAgent(AgentConfig config, SimulationSettings simulation) throws IOException {
        // Like a real car, a simulated one continues from the state its agent last knew.
        VehicleState last = new Journal(config.journalDir()).load().reported();
        SimulatedVehicle car = new SimulatedVehicle(last == null ? VehicleState.parked() : last, simulation, vehicles);
        DeviceAgent agent = DeviceAgent.start(config, car, Clock.systemUTC(), timers);
        agents.add(agent);
        return agent;
    }

    /** The running agents, in start order. */
    public List<DeviceAgent> agents() {
        return List.copyOf(agents);
    }

    /** Totals over the fleet now; callable from any thread. */
    public FleetStatus status() {
        int connected = 0;
        long commands = 0;
        long reconnects = 0;
        for (DeviceAgent agent : agents) {
            AgentMetrics metrics = agent.metrics();
            connected += metrics.connected() ? 1 : 0;
            commands += metrics.commands();
            reconnects += metrics.reconnects();
        }
        return new FleetStatus(size, agents.size(), connected, commands, reconnects);
    }

    /** Stops every agent (a few at a time: each waits for its loop thread and MQTT client), then the timers. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        ExecutorService closers = Executors.newFixedThreadPool(8, daemon("fleet-close"));
        for (DeviceAgent agent : agents) {
            closers.execute(agent::close);
        }
        closers.shutdown();
        try {
            if (!closers.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("some agents did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        vehicles.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * @param vehicles   vehicles asked for
     * @param started    agents started so far
     * @param connected  agents whose MQTT connection is up now
     * @param commands   command outcomes reported (any status)
     * @param reconnects successful connects after each agent's first
     */
    public record FleetStatus(int vehicles, int started, int connected, long commands, long reconnects) {
    }
}
