package io.fleet.cloud.mqtt;

import io.fleet.cloud.shadow.ShadowPublisher;
import java.time.Duration;

/**
 * How shadow requests reach the shadow service and its answers reach the broker: through the service's own MQTT
 * client on shared subscriptions ({@link ClientShadowTransport}, any broker, several instances), or inside the
 * embedded broker ({@link InBrokerShadowTransport}, no client hop).
 */
public interface ShadowTransport extends AutoCloseable {

    /** Where the shadow service publishes accepted/rejected/delta/documents; usable before {@link #start}. */
    ShadowPublisher publisher();

    /** Starts handing requests to {@code frontend}; returns once they flow. */
    void start(MqttShadowFrontend frontend) throws Exception;

    /** First step of a graceful shutdown: no new requests; those already taken are still answered. */
    void stopTakingRequests();

    /** Waits until every answer has been handed to the broker, or the timeout passes. */
    void awaitDrained(Duration timeout);

    boolean isConnected();

    /** Answers waiting to reach the broker. */
    long queuedCount();

    /** Answers that could not be delivered to the broker. */
    long failedCount();

    @Override
    void close();
}
