package io.fleet.cloud.broker;

import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;

/** A Paho action listener that only reports failures; success is handled elsewhere (e.g. connectComplete). */
final class ActionListener implements MqttActionListener {

    private final Consumer<Throwable> onFailure;

    ActionListener(Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    @Override
    public void onSuccess(IMqttToken token) {
        // Nothing: connectComplete / the subscribe listener carries on.
    }

    @Override
    public void onFailure(IMqttToken token, Throwable exception) {
        onFailure.accept(exception);
    }
}
