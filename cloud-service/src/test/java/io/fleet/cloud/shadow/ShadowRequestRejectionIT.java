package io.fleet.cloud.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.config.TestConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;

/**
 * MQTT requests the shadow service cannot serve, an unknown operation or an invalid shadow name, are answered on
 * {@code <request topic>/rejected} with AWS's error document ({@code code} 400, {@code message}, the request's
 * {@code clientToken}), as HTTP answers them with 400, and change nothing. Both ways requests reach the service
 * answer alike: taken inside the embedded broker, and through the service's own MQTT client.
 */
class ShadowRequestRejectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * One cloud per transport, one after the other: HiveMQ's extension services are JVM-wide, so two embedded
     * brokers alive at once would answer through whichever started last.
     */
    @ParameterizedTest
    @EnumSource(ShadowFrontend.class)
    void unknownOperationsAndInvalidShadowNamesAreRejectedWithTheirClientToken(ShadowFrontend transport)
            throws Exception {
        try (RunningCloud cloud = RunningCloud.start(c -> c.withMqtt(TestConfig.mqtt().port(0).shadowFrontend(transport)
                .build()))) {
            anUnknownOperationIsRejected(cloud);
            invalidShadowNamesAreRejectedAsOverHttpAndNothingIsStored(cloud);
        }
    }

    private void anUnknownOperationIsRejected(RunningCloud cloud) throws Exception {
        String thing = "frobnicating-car";
        String topic = "$aws/things/" + thing + "/shadow/frobnicate";
        try (AwsDeviceClient device = cloud.device(thing)) {
            device.subscribe(topic + "/rejected");

            device.publish(topic, "{\"clientToken\":\"frob-1\"}");

            JsonNode error = nextJson(device, topic + "/rejected");
            assertThat(error.get("code").asInt()).isEqualTo(400);
            assertThat(error.get("message").asText())
                    .isEqualTo("Unsupported shadow operation: 'frobnicate'; use get, update or delete");
            assertThat(error.get("clientToken").asText()).isEqualTo("frob-1");
            assertThat(error.get("timestamp").asLong()).isPositive();
        }
    }

    private void invalidShadowNamesAreRejectedAsOverHttpAndNothingIsStored(RunningCloud cloud) throws Exception {
        String thing = "badly-named-car";
        String tooLong = "n".repeat(65);
        try (AwsDeviceClient device = cloud.device(thing)) {
            for (String name : new String[] {"bad.name", tooLong, "with space", "ü"}) {
                String topic = "$aws/things/" + thing + "/shadow/name/" + name + "/update";
                device.subscribe(topic + "/rejected");

                device.publish(topic, "{\"state\":{\"reported\":{\"x\":1}},\"clientToken\":\"bad-name\"}");

                JsonNode error = nextJson(device, topic + "/rejected");
                assertThat(error.get("code").asInt()).as(name).isEqualTo(400);
                assertThat(error.get("message").asText()).as(name).isEqualTo("Invalid shadow name");
                assertThat(error.get("clientToken").asText()).as(name).isEqualTo("bad-name");
            }
        }
        HttpResponse<String> overHttp = http.send(HttpRequest.newBuilder(URI.create(cloud.httpBase() + "/things/"
                        + thing + "/shadow?name=bad.name")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"state\":{\"reported\":{\"x\":1}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overHttp.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(overHttp.body()).get("message").asText()).isEqualTo("Invalid shadow name");
        HttpResponse<String> classic = http.send(HttpRequest.newBuilder(URI.create(cloud.httpBase() + "/things/"
                + thing + "/shadow")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(classic.statusCode()).as("nothing stored, not even the classic shadow").isEqualTo(404);
    }

    private static JsonNode nextJson(AwsDeviceClient device, String expectedTopic) throws Exception {
        PublishPacket message = device.nextMessage(TIMEOUT);
        assertThat(message).as("answer on %s", expectedTopic).isNotNull();
        assertThat(message.getTopic()).isEqualTo(expectedTopic);
        return JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
    }
}
