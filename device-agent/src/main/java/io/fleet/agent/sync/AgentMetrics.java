package io.fleet.agent.sync;

import io.fleet.model.vehicle.CommandStatus;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one agent: connection state, connects, time spent offline, and command outcomes by status. Written
 * from the CRT lifecycle callbacks and the agent thread, read from any thread (the metrics reporter, a simulated
 * fleet's totals). Counters only grow, as Prometheus counters do, so a lost or late snapshot loses nothing.
 */
public final class AgentMetrics {

    private final Clock clock;
    private volatile boolean connected;
    private final AtomicLong connections = new AtomicLong();
    private final Map<CommandStatus, LongAdder> outcomes = new EnumMap<>(CommandStatus.class);
    /** Offline time of closed offline periods; guarded by this. */
    private long offlineMillis;
    /** Start of the current offline period (the agent starts offline), or -1 while connected; guarded by this. */
    private long offlineSince;

    public AgentMetrics(Clock clock) {
        this.clock = clock;
        this.offlineSince = clock.millis();
        for (CommandStatus status : CommandStatus.values()) {
            if (status.isOutcome()) {
                outcomes.put(status, new LongAdder());
            }
        }
    }

    synchronized void connectionSucceeded() {
        connections.incrementAndGet();
        connected = true;
        if (offlineSince >= 0) {
            offlineMillis += Math.max(0, clock.millis() - offlineSince);
            offlineSince = -1;
        }
    }

    synchronized void connectionLost() {
        connected = false;
        if (offlineSince < 0) {
            offlineSince = clock.millis();
        }
    }

    void commandFinished(CommandStatus status) {
        outcomes.get(status).increment();
    }

    public boolean connected() {
        return connected;
    }

    /** Successful connects after the first one. */
    public long reconnects() {
        return Math.max(0, connections.get() - 1);
    }

    /** Seconds without an MQTT connection since the agent started, the current offline period included. */
    public synchronized double offlineSeconds() {
        long current = offlineSince >= 0 ? Math.max(0, clock.millis() - offlineSince) : 0;
        return (offlineMillis + current) / 1000.0;
    }

    /** Commands that reached an outcome with this status. */
    public long commands(CommandStatus status) {
        return outcomes.get(status).sum();
    }

    /** Commands that reached any outcome (executed, rejected, failed or timed out). */
    public long commands() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * The counters as JSON-ready values: {@code connected, reconnects, offlineSeconds, commands: {SUCCEEDED: n, ...}}.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("connected", connected());
        snapshot.put("reconnects", reconnects());
        snapshot.put("offlineSeconds", Math.round(offlineSeconds() * 10) / 10.0);
        Map<String, Object> commands = new LinkedHashMap<>();
        for (CommandStatus status : outcomes.keySet()) {
            commands.put(status.name(), commands(status));
        }
        snapshot.put("commands", commands);
        return snapshot;
    }
}
