package io.fleet.cloud.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.broker.AwsDeviceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;

/**
 * Updates one shadow's {@code reported.seq} with 1, 2, 3, ...: the stored shadow tells exactly which update it holds.
 */
abstract class ShadowWriter extends AcknowledgedWriter<ShadowWriter.Ack> {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An update the service acknowledged. */
    record Ack(long seq, long version) {
    }

    final String thing;

    ShadowWriter(String thing) {
        this.thing = thing;
    }

    /** Sends {@code {"state":{"reported":{"seq":seq}}}}; returns the version the service acknowledged. */
    abstract long sendUpdate(long seq) throws Exception;

    @Override
    final Ack send(long seq) throws Exception {
        return new Ack(seq, sendUpdate(seq));
    }

    @Override
    String name() {
        return thing;
    }

    /**
     * Checks the stored shadow against what was acknowledged: it holds the last acknowledged update or one sent
     * after it (whose answer the crash cut off), and every acknowledged version is higher than the one before it,
     * so no version was handed out twice.
     */
    void verify(JsonNode stored) {
        List<Ack> all = acknowledged();
        if (stored == null) {
            assertThat(all).as("%s: acknowledged updates of a shadow that is not there", thing).isEmpty();
            return;
        }
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).version()).as("%s: version of seq %d after seq %d", thing, all.get(i).seq(),
                    all.get(i - 1).seq()).isGreaterThan(all.get(i - 1).version());
        }
        if (all.isEmpty()) {
            return;
        }
        Ack last = all.get(all.size() - 1);
        long storedSeq = stored.at("/state/reported/seq").asLong();
        long storedVersion = stored.path("version").asLong();
        assertThat(storedSeq).as("%s: stored seq vs last acknowledged %s", thing, last).isGreaterThanOrEqualTo(
                last.seq()).isLessThanOrEqualTo(lastSent());
        if (storedSeq == last.seq()) {
            assertThat(storedVersion).as("%s: version of the last acknowledged update", thing)
                    .isEqualTo(last.version());
        } else {
            assertThat(storedVersion).as("%s: version of an update sent after %s", thing, last)
                    .isGreaterThan(last.version());
        }
    }

    static String update(long seq) {
        return "{\"state\":{\"reported\":{\"seq\":" + seq + "}}}";
    }

    /** Over the AWS IoT data-plane HTTP API: acknowledged = 200 with the new version. */
    static final class OverHttp extends ShadowWriter {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final Supplier<String> base;

        OverHttp(String thing, Supplier<String> base) {
            super(thing);
            this.base = base;
        }

        @Override
        long sendUpdate(long seq) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base.get() + "/things/" + thing
                            + "/shadow")).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(update(seq))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(thing + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body()).path("version").asLong();
        }
    }

    /** As a device over MQTT (AWS IoT Device SDK v2): acknowledged = PUBACK and its update/accepted. */
    static final class OverMqtt extends ShadowWriter {
        private final Supplier<AwsDeviceClient> connect;
        private AwsDeviceClient device;

        OverMqtt(String thing, Supplier<AwsDeviceClient> connect) {
            super(thing);
            this.connect = connect;
        }

        @Override
        long sendUpdate(long seq) throws Exception {
            String topic = "$aws/things/" + thing + "/shadow/update";
            if (device == null) {
                device = connect.get();
                device.subscribe(topic + "/accepted");
                device.subscribe(topic + "/rejected");
            }
            String token = thing + "-" + seq;
            device.publish(topic, "{\"clientToken\":\"" + token + "\"," + update(seq).substring(1))
                    .get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                PublishPacket answer = device.nextMessage(Duration.ofMillis(200));
                if (answer == null) {
                    continue;
                }
                JsonNode body = JSON.readTree(new String(answer.getPayload(), StandardCharsets.UTF_8));
                if (token.equals(body.path("clientToken").asText())) {
                    if (!answer.getTopic().endsWith("/accepted")) {
                        throw new IllegalStateException(thing + ": rejected " + body);
                    }
                    return body.path("version").asLong();
                }
            }
            throw new IllegalStateException(thing + ": no answer to seq " + seq);
        }

        @Override
        void endRound() {
            if (device != null) {
                device.close();
                device = null;
            }
        }
    }
}
