package io.fleet.agent.sync;

import io.fleet.model.vehicle.VehicleState;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Work handed to the agent thread from SDK (CRT event-loop) threads and the ECU adapter's thread. */
sealed interface AgentEvent {

    /** The MQTT connection is up (first connect or reconnect): report what is pending, then resync. */
    record Connected() implements AgentEvent {
    }

    record Disconnected() implements AgentEvent {
    }

    /** A delta from the stream, or the delta of a GET; {@code metadata} holds the desired timestamps. */
    record Delta(long version, Map<String, Object> state, Map<String, Object> metadata, boolean fromGet)
            implements AgentEvent {
    }

    /** A GET found no shadow or no delta: nothing to act on. */
    record NothingDesired() implements AgentEvent {
    }

    record GetFailed(Throwable cause) implements AgentEvent {
    }

    record VehicleChanged(VehicleState state) implements AgentEvent {
    }

    record ReportSent(VehicleState state) implements AgentEvent {
    }

    record ReportFailed(Throwable cause) implements AgentEvent {
    }

    /** The agent rewrote a desired shorthand; this is now the desired change it has acted on. */
    record DesiredCanonicalized(String path, AppliedDesired applied) implements AgentEvent {
    }

    /** A report or GET failed while connected: try the resync again (scheduled with a delay). */
    record Retry() implements AgentEvent {
    }

    record Stop() implements AgentEvent {
    }

    /** Completes {@code done} once the agent thread finds no other event waiting (tests wait on it, not a sleep). */
    record Settled(CompletableFuture<Void> done) implements AgentEvent {
    }
}
