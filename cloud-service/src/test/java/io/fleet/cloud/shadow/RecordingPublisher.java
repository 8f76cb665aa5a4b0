package io.fleet.cloud.shadow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the shadow service publishes, for tests that run without a broker. */
public final class RecordingPublisher implements ShadowPublisher {

    public record Published(String topic, String payload) {
    }

    private final List<Published> messages = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String topic, byte[] payload) {
        messages.add(new Published(topic, new String(payload, StandardCharsets.UTF_8)));
    }

    public List<Published> messages() {
        return List.copyOf(messages);
    }

    public List<String> topics() {
        return messages.stream().map(Published::topic).toList();
    }

    public void clear() {
        messages.clear();
    }
}
