package io.fleet.agent.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;

/**
 * Shadow updates as plain QoS 1 publishes to {@code $aws/things/<thing>/shadow/update}, answered on
 * {@code update/accepted} and {@code update/rejected}, which stay subscribed for the whole connection and are matched
 * to requests by {@code clientToken} (the pattern of AWS's own device shadow guide). The SDK's request-response
 * client subscribes and unsubscribes both topics around every single request; with a thousand cars that churn was
 * the broker's main work and added ~50 ms per report (BENCHMARKS.md, fleet simulator).
 *
 * <p>Threads: {@link #onConnected}, {@link #onDisconnected} and {@link #onPublish} run on CRT event-loop threads and
 * only complete futures; futures complete there too.
 */
final class ShadowUpdateChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 10;

    private final Mqtt5Client mqtt;
    private final String updateTopic;
    private final Map<String, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<Void>> subscribed =
            new AtomicReference<>(new CompletableFuture<>());

    /** The shadow service refused an update: AWS's error code (400, 409...) and message. */
    static final class RejectedException extends RuntimeException {
        final int code;

        RejectedException(int code, String message) {
            super("shadow update rejected: " + code + " " + message);
            this.code = code;
        }
    }

    ShadowUpdateChannel(Mqtt5Client mqtt, String thing) {
        this.mqtt = mqtt;
        this.updateTopic = "$aws/things/" + thing + "/shadow/update";
    }

    /** Publishes {@code request} with a fresh clientToken; completes with the accepted document. Never throws. */
    CompletableFuture<Map<String, Object>> update(Map<String, Object> request) {
        String token = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>(request);
        body.put("clientToken", token);
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(token, answer);
        answer.whenComplete((ok, failure) -> pending.remove(token));
        subscribed.get().thenCompose(ready -> mqtt.publish(new PublishPacket.PublishPacketBuilder(updateTopic,
                QOS.AT_LEAST_ONCE, payload).build())).whenComplete((result, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    }
                });
        return answer.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void onConnected() {
        mqtt.subscribe(new SubscribePacket.SubscribePacketBuilder()
                        .withSubscription(updateTopic + "/accepted", QOS.AT_LEAST_ONCE)
                        .withSubscription(updateTopic + "/rejected", QOS.AT_LEAST_ONCE).build())
                .whenComplete((ack, failure) -> {
                    if (failure == null) {
                        subscribed.get().complete(null);
                    } else {
                        failAll(failure);
                    }
                });
    }

    void onDisconnected() {
        CompletableFuture<Void> previous = subscribed.getAndSet(new CompletableFuture<>());
        previous.completeExceptionally(new IllegalStateException("MQTT connection lost"));
        failAll(new IllegalStateException("MQTT connection lost before the shadow answered"));
    }

    /** Every received publish; returns quickly for topics that are not this channel's. */
    void onPublish(String topic, byte[] payload) {
        boolean accepted = topic.equals(updateTopic + "/accepted");
        if (!accepted && !topic.equals(updateTopic + "/rejected")) {
            return;
        }
        Map<String, Object> document;
        try {
            document = JSON.readValue(new String(payload, StandardCharsets.UTF_8), new TypeReference<>() { });
        } catch (IOException e) {
            return; // not an answer we can read, so not one we are waiting for
        }
        CompletableFuture<Map<String, Object>> answer = pending.get(String.valueOf(document.get("clientToken")));
        if (answer == null) {
            return;
        }
        if (accepted) {
            answer.complete(document);
        } else {
            Object code = document.get("code");
            answer.completeExceptionally(new RejectedException(code instanceof Number ? ((Number) code).intValue() : 0,
                    String.valueOf(document.get("message"))));
        }
    }

    private void failAll(Throwable failure) {
        pending.values().forEach(f -> f.completeExceptionally(failure));
    }
}
