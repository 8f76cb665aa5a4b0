package io.fleet.cloud.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback that queues what arrives (on Paho's callback thread) for the test thread to take. */
public final class RecordingCallback implements MqttCallback {

    /** A received message with its payload as UTF-8 text. */
    public record Received(String topic, String payload) {
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> connects = new LinkedBlockingQueue<>();
    private final BlockingQueue<MqttDisconnectResponse> disconnects = new LinkedBlockingQueue<>();

    /** The next message, or null after {@code timeout}. */
    public Received nextMessage(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next connectComplete's {@code reconnect} flag, or null after {@code timeout}. */
    public Boolean nextConnect(Duration timeout) throws InterruptedException {
        return connects.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public MqttDisconnectResponse nextDisconnect(Duration timeout) throws InterruptedException {
        return disconnects.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connects.add(reconnect);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        disconnects.add(response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
