package io.fleet.agent.sync;

import io.fleet.model.vehicle.CommandStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one agent: connection state, connects, and command outcomes by status. Written from the CRT
 * lifecycle callbacks and the agent thread, read from any thread (status lines, a simulated fleet's totals).
 */
public final class AgentMetrics {

    private volatile boolean connected;
    private final AtomicLong connections = new AtomicLong();
    private final Map<CommandStatus, LongAdder> outcomes = new EnumMap<>(CommandStatus.class);

    public AgentMetrics() {
        for (CommandStatus status : CommandStatus.values()) {
            outcomes.put(status, new LongAdder());
        }
    }

    void connectionSucceeded() {
        connections.incrementAndGet();
        connected = true;
    }

    void connectionLost() {
        connected = false;
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

    /** Commands that reached an outcome with this status. */
    public long commands(CommandStatus status) {
        return outcomes.get(status).sum();
    }

    /** Commands that reached any outcome (executed, rejected, failed or timed out). */
    public long commands() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
