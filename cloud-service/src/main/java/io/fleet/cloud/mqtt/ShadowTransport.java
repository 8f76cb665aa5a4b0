package io.fleet.cloud.mqtt;

import io.fleet.cloud.shadow.QueueingShadowPublisher;

/**
 * How shadow requests reach the shadow service and its answers reach the broker: through the service's own MQTT
 * client on shared subscriptions ({@link ClientShadowTransport}, any broker, several instances), or inside the
 * embedded broker ({@link InBrokerShadowTransport}, no client hop).
 */
public interface ShadowTransport extends AutoCloseable {

    /**
     * Where the shadow service publishes accepted/rejected/delta/documents; usable before {@link #start}. Its queue
     * is what a graceful shutdown drains and the metrics count.
     */
    QueueingShadowPublisher publisher();

    /** Starts handing requests to {@code frontend}; returns once they flow. */
    void start(MqttShadowFrontend frontend) throws Exception;

    /** First step of a graceful shutdown: no new requests; those already taken are still answered. */
    void stopTakingRequests();

    boolean isConnected();

    @Override
    void close();
}
