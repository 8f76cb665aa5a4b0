package io.fleet.agent.telemetry;

import java.util.concurrent.CompletableFuture;

/** Where telemetry goes: an MQTT QoS 1 publish in the agent, a recorder in tests. Never throws. */
@FunctionalInterface
public interface TelemetrySink {

    /** Completes with true when the broker acknowledged the message, false when it refused it. */
    CompletableFuture<Boolean> publish(String topic, byte[] payload);
}
