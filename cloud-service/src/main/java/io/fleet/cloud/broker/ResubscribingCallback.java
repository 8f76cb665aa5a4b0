package io.fleet.cloud.broker;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes after every (re)connect and only then completes {@code connected} (first time) and calls the caller's
 * {@code connectComplete}; passes every other event straight on. Runs on Paho's callback thread; subscribing is
 * asynchronous, so it never blocks it.
 */
final class ResubscribingCallback implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(ResubscribingCallback.class);

    private final MqttAsyncClient client;
    private final MqttCallback delegate;
    private final List<MqttSubscription> subscriptions;
    private final CompletableFuture<MqttAsyncClient> connected;

    ResubscribingCallback(MqttAsyncClient client, MqttCallback delegate, List<MqttSubscription> subscriptions,
                          CompletableFuture<MqttAsyncClient> connected) {
        this.client = client;
        this.delegate = delegate;
        this.subscriptions = subscriptions;
        this.connected = connected;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        LOG.info("MQTT client {} {} to {}", client.getClientId(), reconnect ? "reconnected" : "connected", serverUri);
        if (subscriptions.isEmpty()) {
            ready(reconnect, serverUri);
        } else {
            subscribe(reconnect, serverUri);
        }
    }

    /** Tells the caller only once the subscriptions are back, so it never publishes into a gap it cannot see. */
    private void ready(boolean reconnect, String serverUri) {
        connected.complete(client);
        delegate.connectComplete(reconnect, serverUri);
    }

    private void subscribe(boolean reconnect, String serverUri) {
        try {
            client.subscribe(subscriptions.toArray(new MqttSubscription[0]), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && Arrays.stream(codes).anyMatch(code -> code >= 0x80)) {
                        refused(new MqttException(codes[firstFailure(codes)]));
                    } else {
                        ready(reconnect, serverUri);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    refused(exception);
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            refused(e);
        }
    }

    private void refused(Throwable error) {
        LOG.warn("MQTT client {}: subscribing {} failed", client.getClientId(), subscriptions, error);
        if (connected.completeExceptionally(error)) {
            // The first connect reports through the future; a client the caller never got must not leak.
            ServiceMqttConnector.closeInBackground(client);
        } else {
            // After a reconnect the caller holds a connected client that now misses messages: say so.
            delegate.mqttErrorOccurred(error instanceof MqttException mqtt ? mqtt : new MqttException(error));
        }
    }

    private static int firstFailure(int[] codes) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0x80) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        LOG.warn("MQTT client {} disconnected: {}", client.getClientId(), response);
        delegate.disconnected(response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        delegate.mqttErrorOccurred(exception);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        delegate.messageArrived(topic, message);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        delegate.deliveryComplete(token);
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        delegate.authPacketArrived(reasonCode, properties);
    }
}
