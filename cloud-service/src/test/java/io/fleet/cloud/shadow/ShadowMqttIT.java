package io.fleet.cloud.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.DeleteShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.NamedShadowDeltaUpdatedSubscriptionRequest;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedEvent;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedSubscriptionRequest;
import software.amazon.awssdk.iot.iotshadow.model.ShadowState;
import software.amazon.awssdk.iot.iotshadow.model.UpdateNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.V2ErrorResponseException;

/**
 * The shadow service over MQTT 5 with mutual TLS, judged by the unmodified AWS IoT Device SDK v2
 * {@link IotShadowV2Client} (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html).
 */
@ExtendWith(CloudServiceExtension.class)
class ShadowMqttIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_S = 15;

    private static IotShadowV2Client shadowClient(AwsDeviceClient device) {
        return IotShadowV2Client.newFromMqtt5(device.mqtt5Client(), MqttRequestResponseClientOptions.builder()
                .withMaxRequestResponseSubscriptions(4).withMaxStreamingSubscriptions(4)
                .withOperationTimeoutSeconds(10).build());
    }

    private static UpdateShadowRequest update(String thing, Map<String, Object> desired, Map<String, Object> reported) {
        UpdateShadowRequest request = new UpdateShadowRequest();
        request.thingName = thing;
        request.state = new ShadowState();
        request.state.desired = desired == null ? null : new HashMap<>(desired);
        request.state.reported = reported == null ? null : new HashMap<>(reported);
        return request;
    }

    private static GetShadowResponse get(IotShadowV2Client shadows, String thing) throws Exception {
        GetShadowRequest request = new GetShadowRequest();
        request.thingName = thing;
        return shadows.getShadow(request).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static V2ErrorResponseException rejection(Throwable thrown) {
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(V2ErrorResponseException.class);
        return (V2ErrorResponseException) cause;
    }

    /**
     * The default with the embedded broker: requests are taken inside it, so a subscriber to the request topic never
     * sees them, the device still gets its PUBACK and answer, and the broker's dropped-messages gauge does not count
     * them.
     */
    @Test
    void requestsAreTakenInsideTheEmbeddedBrokerAndNotDeliveredToSubscribers(RunningCloud cloud) throws Exception {
        try (AwsDeviceClient device = cloud.device("inbroker-car-1");
             AwsDeviceClient operator = AwsDeviceClient.start(cloud.mqttHost(), cloud.mqttPort(),
                     cloud.certificates().caCertificate(), cloud.certificates().service(), "fleet-service-watch")) {
            operator.awaitConnected();
            operator.subscribe("$aws/things/inbroker-car-1/shadow/#");
            device.subscribe("$aws/things/inbroker-car-1/shadow/update/accepted");
            var ack = device.publish("$aws/things/inbroker-car-1/shadow/update",
                    "{\"state\":{\"reported\":{\"trunk\":\"closed\"}},\"clientToken\":\"ib-1\"}")
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(ack.getResultPubAck().getReasonCode().getValue()).as("PUBACK success").isZero();
            assertThat(device.nextMessage(Duration.ofSeconds(TIMEOUT_S))).as("accepted").isNotNull();

            List<String> seen = new ArrayList<>();
            for (var m = operator.nextMessage(Duration.ofSeconds(2)); m != null;
                 m = operator.nextMessage(Duration.ofMillis(500))) {
                seen.add(m.getTopic());
            }
            assertThat(seen).contains("$aws/things/inbroker-car-1/shadow/update/accepted",
                    "$aws/things/inbroker-car-1/shadow/update/documents")
                    .doesNotContain("$aws/things/inbroker-car-1/shadow/update");
            assertThat(cloud.service().metrics().find("fleet.broker.messages.dropped").gauge().value()).isZero();
        }
    }

    @Test
    void updateGetAndDeleteWithTheDeviceSdk(RunningCloud cloud) throws Exception {
        try (AwsDeviceClient device = cloud.device("mqtt-car-1"); IotShadowV2Client shadows = shadowClient(device)) {
            UpdateShadowResponse accepted = shadows.updateShadow(update("mqtt-car-1",
                    Map.of("lock", "locked"), Map.of("lock", "unlocked", "speed", 0))).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(accepted.version).isEqualTo(1);
            assertThat(accepted.state.desired).containsEntry("lock", "locked");
            assertThat(accepted.clientToken).isNotBlank();

            GetShadowResponse shadow = get(shadows, "mqtt-car-1");
            assertThat(shadow.version).isEqualTo(1);
            assertThat(shadow.state.delta).containsEntry("lock", "locked");
            assertThat(shadow.state.reported).containsEntry("lock", "unlocked");
            assertThat(shadow.metadata.desired).containsKey("lock");

            DeleteShadowRequest delete = new DeleteShadowRequest();
            delete.thingName = "mqtt-car-1";
            assertThat(shadows.deleteShadow(delete).get(TIMEOUT_S, TimeUnit.SECONDS).version).isEqualTo(1);
            assertThatThrownBy(() -> get(shadows, "mqtt-car-1"))
                    .satisfies(e -> assertThat(rejection(e).getModeledError().code).isEqualTo(404));
        }
    }

    @Test
    void deltaStreamDeliversDesiredChangesMadeOverHttp(RunningCloud cloud) throws Exception {
        BlockingQueue<ShadowDeltaUpdatedEvent> deltas = new LinkedBlockingQueue<>();
        try (AwsDeviceClient device = cloud.device("mqtt-car-2"); IotShadowV2Client shadows = shadowClient(device)) {
            ShadowDeltaUpdatedSubscriptionRequest subscription = new ShadowDeltaUpdatedSubscriptionRequest();
            subscription.thingName = "mqtt-car-2";
            BlockingQueue<Object> subscribed = new LinkedBlockingQueue<>();
            try (StreamingOperation stream = shadows.createShadowDeltaUpdatedStream(subscription,
                    V2ClientStreamOptions.<ShadowDeltaUpdatedEvent>builder().withStreamEventHandler(deltas::add)
                            .withSubscriptionEventHandler(subscribed::add).build())) {
                stream.open();
                assertThat(subscribed.poll(TIMEOUT_S, TimeUnit.SECONDS)).isNotNull();
                shadows.updateShadow(update("mqtt-car-2", null, Map.of("trunk", "closed")))
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.httpBase() + "/things/mqtt-car-2/shadow"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":{\"desired\":{\"trunk\":\"open\"}}}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                ShadowDeltaUpdatedEvent delta = deltas.poll(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(delta).isNotNull();
                assertThat(delta.state).containsEntry("trunk", "open");
                assertThat(delta.version).isEqualTo(2);
            }
        }
    }

    @Test
    void namedShadowsHaveTheirOwnDocumentsAndDeltas(RunningCloud cloud) throws Exception {
        BlockingQueue<ShadowDeltaUpdatedEvent> deltas = new LinkedBlockingQueue<>();
        try (AwsDeviceClient device = cloud.device("mqtt-car-3"); IotShadowV2Client shadows = shadowClient(device)) {
            NamedShadowDeltaUpdatedSubscriptionRequest subscription = new NamedShadowDeltaUpdatedSubscriptionRequest();
            subscription.thingName = "mqtt-car-3";
            subscription.shadowName = "climate";
            BlockingQueue<Object> subscribed = new LinkedBlockingQueue<>();
            try (StreamingOperation stream = shadows.createNamedShadowDeltaUpdatedStream(subscription,
                    V2ClientStreamOptions.<ShadowDeltaUpdatedEvent>builder().withStreamEventHandler(deltas::add)
                            .withSubscriptionEventHandler(subscribed::add).build())) {
                stream.open();
                assertThat(subscribed.poll(TIMEOUT_S, TimeUnit.SECONDS)).isNotNull();
                UpdateNamedShadowRequest request = new UpdateNamedShadowRequest();
                request.thingName = "mqtt-car-3";
                request.shadowName = "climate";
                request.state = new ShadowState();
                request.state.desired = new HashMap<>(Map.of("target", 21.5));
                assertThat(shadows.updateNamedShadow(request).get(TIMEOUT_S, TimeUnit.SECONDS).version).isEqualTo(1);
                ShadowDeltaUpdatedEvent delta = deltas.poll(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(delta).isNotNull();
                assertThat(delta.state).containsEntry("target", 21.5);
            }
            GetNamedShadowRequest get = new GetNamedShadowRequest();
            get.thingName = "mqtt-car-3";
            get.shadowName = "climate";
            assertThat(shadows.getNamedShadow(get).get(TIMEOUT_S, TimeUnit.SECONDS).state.desired)
                    .containsEntry("target", 21.5);
            assertThatThrownBy(() -> get(shadows, "mqtt-car-3"))
                    .satisfies(e -> assertThat(rejection(e).getModeledError().code).isEqualTo(404));
        }
    }

    @Test
    void staleVersionIsRejectedWith409AndNullDeletesTheWholeSection(RunningCloud cloud) throws Exception {
        try (AwsDeviceClient device = cloud.device("mqtt-car-4"); IotShadowV2Client shadows = shadowClient(device)) {
            shadows.updateShadow(update("mqtt-car-4", Map.of("window", 40), null)).get(TIMEOUT_S, TimeUnit.SECONDS);
            UpdateShadowRequest stale = update("mqtt-car-4", Map.of("window", 0), null);
            stale.version = 7;
            assertThatThrownBy(() -> shadows.updateShadow(stale).get(TIMEOUT_S, TimeUnit.SECONDS))
                    .satisfies(e -> {
                        assertThat(rejection(e).getModeledError().code).isEqualTo(409);
                        assertThat(rejection(e).getModeledError().message).isEqualTo("Version conflict");
                    });
            UpdateShadowRequest clear = update("mqtt-car-4", null, Map.of("window", 40));
            clear.state.desiredIsNullable = true;
            shadows.updateShadow(clear).get(TIMEOUT_S, TimeUnit.SECONDS);
            GetShadowResponse shadow = get(shadows, "mqtt-car-4");
            assertThat(shadow.state.desired).isNull();
            assertThat(shadow.state.delta).isNull();
            assertThat(shadow.version).isEqualTo(2);
        }
    }

    @Test
    void oversizeAndMalformedRequestsAreRejectedAsAwsDoes(RunningCloud cloud) throws Exception {
        try (AwsDeviceClient device = cloud.device("mqtt-car-5"); IotShadowV2Client shadows = shadowClient(device)) {
            assertThatThrownBy(() -> shadows.updateShadow(update("mqtt-car-5", null,
                    Map.of("blob", "x".repeat(9000)))).get(TIMEOUT_S, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(rejection(e).getModeledError().code).isEqualTo(413));
            assertThatThrownBy(() -> get(shadows, "mqtt-car-5"))
                    .satisfies(e -> assertThat(rejection(e).getModeledError().code).isEqualTo(404));
        }
        // Payloads the SDK cannot produce, sent raw by a device that only listens on update/rejected.
        try (AwsDeviceClient device = cloud.device("mqtt-car-8")) {
            device.subscribe("$aws/things/mqtt-car-8/shadow/update/rejected");
            device.subscribe("$aws/things/mqtt-car-8/shadow/update/accepted");
            device.publish("$aws/things/mqtt-car-8/shadow/update", "{\"state\": {").get(TIMEOUT_S, TimeUnit.SECONDS);
            JsonNode rejected = nextJson(device);
            assertThat(rejected.get("code").asInt()).isEqualTo(400);
            assertThat(rejected.get("message").asText()).isEqualTo("Invalid JSON");

            device.publish("$aws/things/mqtt-car-8/shadow/update",
                    "{\"state\":{\"desired\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}},"
                            + "\"clientToken\":\"deep\"}").get(TIMEOUT_S, TimeUnit.SECONDS);
            JsonNode deep = nextJson(device);
            assertThat(deep.get("code").asInt()).isEqualTo(400);
            assertThat(deep.get("message").asText()).contains("too many levels of nesting");
            assertThat(deep.get("clientToken").asText()).isEqualTo("deep");

            device.publish("$aws/things/mqtt-car-8/shadow/update", "{\"state\":{\"reported\":{\"ok\":1}}}")
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(nextJson(device).get("version").asLong()).isEqualTo(1);
            HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(cloud.httpBase() + "/things/mqtt-car-8/shadow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(stored.body()).get("version").asLong())
                    .as("the rejected requests changed nothing").isEqualTo(1);
        }
    }

    @Test
    void aDeviceCannotReadAnotherThingsShadow(RunningCloud cloud) throws Exception {
        try (AwsDeviceClient owner = cloud.device("mqtt-car-6"); IotShadowV2Client ownerShadows = shadowClient(owner);
             AwsDeviceClient intruder = cloud.device("mqtt-car-7");
             IotShadowV2Client intruderShadows = shadowClient(intruder)) {
            ownerShadows.updateShadow(update("mqtt-car-6", null, Map.of("lock", "locked")))
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThatThrownBy(() -> get(intruderShadows, "mqtt-car-6")).isNotNull();
            assertThat(get(ownerShadows, "mqtt-car-6").state.reported).containsEntry("lock", "locked");
        }
    }

    @Test
    void numbersBeyondDoubleAreAcceptedAndPublishedWithTheirExactValue(RunningCloud cloud) throws Exception {
        try (AwsDeviceClient device = cloud.device("mqtt-car-9")) {
            device.subscribe("$aws/things/mqtt-car-9/shadow/update/accepted");
            device.subscribe("$aws/things/mqtt-car-9/shadow/update/delta");
            device.subscribe("$aws/things/mqtt-car-9/shadow/get/accepted");
            String numbers = "{\"huge\":1e400,\"tiny\":1e-400,\"long\":123456789012345678901234567890.5}";
            String exact = "{\"huge\":1E+400,\"tiny\":1E-400,\"long\":123456789012345678901234567890.5}";

            device.publish("$aws/things/mqtt-car-9/shadow/update", "{\"state\":{\"desired\":" + numbers
                    + "},\"clientToken\":\"n-1\"}").get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<String, String> answers = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                PublishPacket packet = device.nextMessage(Duration.ofSeconds(TIMEOUT_S));
                assertThat(packet).as("accepted and delta within %d s", TIMEOUT_S).isNotNull();
                answers.put(packet.getTopic(), new String(packet.getPayload(), StandardCharsets.UTF_8));
            }
            device.publish("$aws/things/mqtt-car-9/shadow/get", "{}").get(TIMEOUT_S, TimeUnit.SECONDS);
            PublishPacket get = device.nextMessage(Duration.ofSeconds(TIMEOUT_S));

            assertThat(answers.get("$aws/things/mqtt-car-9/shadow/update/accepted"))
                    .contains("\"desired\":" + exact).doesNotContain("Infinity");
            assertThat(answers.get("$aws/things/mqtt-car-9/shadow/update/delta")).contains("\"state\":" + exact);
            assertThat(new String(get.getPayload(), StandardCharsets.UTF_8)).contains("\"desired\":" + exact);
        }
    }

    private static JsonNode nextJson(AwsDeviceClient device) throws Exception {
        PublishPacket packet = device.nextMessage(Duration.ofSeconds(TIMEOUT_S));
        assertThat(packet).as("a message within %d s", TIMEOUT_S).isNotNull();
        return JSON.readTree(new String(packet.getPayload(), StandardCharsets.UTF_8));
    }
}
