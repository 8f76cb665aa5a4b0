package io.fleet.cloud.mqtt;

import io.fleet.cloud.broker.MqttEndpoint;
import io.fleet.cloud.broker.ServiceMqttConnector;
import io.fleet.cloud.shadow.QueueingShadowPublisher;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadow requests through the service's own Paho MQTT 5 client on the (shared) request subscriptions, answers
 * through the same client. Works with any broker and lets several instances split the load.
 */
public final class ClientShadowTransport implements ShadowTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ClientShadowTransport.class);

    private final MqttEndpoint endpoint;
    private final String shareGroup;
    private final String instanceSuffix;
    private final PahoShadowPublisher publisher = new PahoShadowPublisher();
    private MqttAsyncClient mqtt;

    /** @param instanceSuffix client id suffix of this instance ({@code <CN>-<suffix>}), or null for the CN alone */
    public ClientShadowTransport(MqttEndpoint endpoint, String shareGroup, String instanceSuffix) {
        this.endpoint = endpoint;
        this.shareGroup = shareGroup;
        this.instanceSuffix = instanceSuffix;
    }

    @Override
    public QueueingShadowPublisher publisher() {
        return publisher;
    }

    @Override
    public void start(MqttShadowFrontend frontend) throws Exception {
        mqtt = new ServiceMqttConnector(endpoint, Duration.ofSeconds(10), instanceSuffix)
                .connect(new FrontendCallback(frontend, publisher), MqttShadowFrontend.subscriptions(shareGroup))
                .get(60, TimeUnit.SECONDS);
        publisher.attach(mqtt);
    }

    @Override
    public void stopTakingRequests() {
        if (mqtt == null) {
            return;
        }
        try {
            mqtt.unsubscribe(MqttShadowFrontend.subscriptionFilters(shareGroup)).waitForCompletion(5_000);
        } catch (MqttException e) {
            LOG.warn("could not unsubscribe shadow requests: {}", e.toString());
        }
    }

    @Override
    public boolean isConnected() {
        return mqtt != null && mqtt.isConnected();
    }

    @Override
    public void close() {
        if (mqtt == null) {
            return;
        }
        try {
            mqtt.disconnect().waitForCompletion(5_000);
            mqtt.close();
        } catch (MqttException e) {
            LOG.warn("MQTT client did not close cleanly: {}", e.toString());
        }
    }

    /** Paho callback thread: requests go to the frontend; a reconnect lets queued answers flow again. */
    private static final class FrontendCallback implements MqttCallback {
        private final MqttShadowFrontend frontend;
        private final PahoShadowPublisher publisher;

        FrontendCallback(MqttShadowFrontend frontend, PahoShadowPublisher publisher) {
            this.frontend = frontend;
            this.publisher = publisher;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            frontend.onMessage(topic, message.getPayload());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                publisher.resume();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("shadow service lost its MQTT connection: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements are handled per publish by the publisher
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
