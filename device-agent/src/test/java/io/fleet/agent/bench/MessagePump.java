package io.fleet.agent.bench;

import io.fleet.cloud.broker.AwsDeviceClient;
import java.time.Duration;
import java.util.function.BiConsumer;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;

/** Hands every message an {@link AwsDeviceClient} receives to {@code onMessage(topic, payload)} on a daemon thread. */
final class MessagePump {

    private MessagePump() {
    }

    static void start(AwsDeviceClient client, String name, BiConsumer<String, byte[]> onMessage) {
        Thread pump = new Thread(() -> {
            try {
                while (true) {
                    PublishPacket message = client.nextMessage(Duration.ofSeconds(1));
                    if (message != null) {
                        onMessage.accept(message.getTopic(), message.getPayload());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pump-" + name);
        pump.setDaemon(true);
        pump.start();
    }
}
