package io.fleet.cloud.mqtt;

import io.fleet.cloud.broker.HiveMqShadowPublisher;
import io.fleet.cloud.broker.InBrokerShadowRequests;
import io.fleet.cloud.shadow.QueueingShadowPublisher;

/**
 * Shadow requests taken inside the embedded broker and answered through its publish service: per request no TLS
 * record, no client PUBLISH/PUBACK in either direction and no shared-subscription queue (which HiveMQ's file
 * persistence keeps in Xodus, its costliest path; BENCHMARKS.md). One service instance per embedded broker.
 */
public final class InBrokerShadowTransport implements ShadowTransport {

    private final InBrokerShadowRequests requests;
    private final HiveMqShadowPublisher publisher = new HiveMqShadowPublisher();
    private volatile boolean started;

    public InBrokerShadowTransport(InBrokerShadowRequests requests) {
        this.requests = requests;
    }

    @Override
    public QueueingShadowPublisher publisher() {
        return publisher;
    }

    @Override
    public void start(MqttShadowFrontend frontend) {
        requests.attach(frontend::onMessage);
        started = true;
    }

    @Override
    public void stopTakingRequests() {
        requests.detach();
    }

    @Override
    public boolean isConnected() {
        return started;
    }

    @Override
    public void close() {
        requests.detach();
        started = false;
    }
}
