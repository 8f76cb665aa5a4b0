package io.fleet.cloud.shadow;

/** Sends the shadow service's messages (accepted, rejected, delta, documents) to the broker. */
@FunctionalInterface
public interface ShadowPublisher {

    /** Queues one QoS 1 message; never blocks the caller. */
    void publish(String topic, byte[] payload);
}
