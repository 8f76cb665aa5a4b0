package io.fleet.cloud.broker;

import java.io.IOException;
import java.util.Optional;

/**
 * The broker the cloud service talks to: started here ({@link EmbeddedBroker}) or run elsewhere. Either way the
 * service connects through {@link ServiceMqttConnector} to {@link #serviceEndpoint()}.
 *
 * <pre>{@code
 * try (MqttBroker broker = MqttBroker.open(settings)) {
 *     MqttAsyncClient client = new ServiceMqttConnector(broker.serviceEndpoint(), Duration.ofSeconds(10))
 *             .connect(callback, new MqttSubscription("$share/shadow/$aws/things/+/shadow/update", 1))
 *             .get();
 * }
 * }</pre>
 */
public interface MqttBroker extends AutoCloseable {

    /** Starts the embedded broker (blocking, ~2-3 s) or just describes the external one. */
    static MqttBroker open(BrokerSettings settings) throws IOException {
        if (settings instanceof BrokerSettings.Embedded embedded) {
            return EmbeddedBroker.start(embedded);
        }
        MqttEndpoint endpoint = ((BrokerSettings.External) settings).endpoint();
        return new MqttBroker() {
            @Override
            public MqttEndpoint serviceEndpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                // Someone else runs it.
            }
        };
    }

    /** Where shadow requests can be taken inside the broker: only an embedded broker offers it. */
    default Optional<InBrokerShadowRequests> inBrokerShadowRequests() {
        return Optional.empty();
    }

    /** Where the Jobs device API's requests can be taken inside the broker: only an embedded broker offers it. */
    default Optional<InBrokerShadowRequests> inBrokerJobRequests() {
        return Optional.empty();
    }

    /** Where the cloud service connects, with its own certificate. */
    MqttEndpoint serviceEndpoint();

    /** Stops an embedded broker; nothing for an external one. */
    @Override
    void close();
}
