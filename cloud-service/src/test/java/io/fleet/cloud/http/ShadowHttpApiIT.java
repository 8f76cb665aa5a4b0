package io.fleet.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import io.fleet.cloud.shadow.RecordingPublisher;
import io.fleet.cloud.shadow.ShadowCommitLanes;
import io.fleet.cloud.shadow.ShadowKey;
import io.fleet.cloud.shadow.ShadowRepository;
import io.fleet.cloud.shadow.ShadowRow;
import io.fleet.cloud.shadow.ShadowService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ConflictException;
import software.amazon.awssdk.services.iotdataplane.model.InvalidRequestException;
import software.amazon.awssdk.services.iotdataplane.model.RequestEntityTooLargeException;
import software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iotdataplane.model.UnsupportedDocumentEncodingException;

/**
 * The HTTP data-plane API judged by the unmodified AWS SDK v2 {@link IotDataPlaneClient}
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-rest-api.html).
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class ShadowHttpApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingPublisher PUBLISHED = new RecordingPublisher();
    private static ShadowRepository repository;
    private static ShadowCommitLanes lanes;
    private static HttpApiServer server;
    private static IotDataPlaneClient client;

    @BeforeAll
    static void start(Database db) throws Exception {
        repository = new ShadowRepository(db.dataSource());
        lanes = new ShadowCommitLanes(repository, 2, 64, 1000, Thread::new);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ShadowService service = new ShadowService(lanes, repository, PUBLISHED, Clock.systemUTC(),
                Executors.newSingleThreadExecutor(), metrics);
        server = HttpApiServer.start("127.0.0.1", 0, service, null, metrics,
                () -> new HealthReport(Map.of("database", true)), List.of());
        client = IotDataPlaneClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
        lanes.close();
    }

    @BeforeEach
    void clear() {
        PUBLISHED.clear();
    }

    private static JsonNode update(String thing, String shadow, String body) throws Exception {
        var request = software.amazon.awssdk.services.iotdataplane.model.UpdateThingShadowRequest.builder()
                .thingName(thing).shadowName(shadow).payload(SdkBytes.fromUtf8String(body)).build();
        return JSON.readTree(client.updateThingShadow(request).payload().asUtf8String());
    }

    private static JsonNode get(String thing, String shadow) throws Exception {
        return JSON.readTree(client.getThingShadow(b -> b.thingName(thing).shadowName(shadow))
                .payload().asUtf8String());
    }

    @Test
    void updateThroughTheSdkIsAcceptedStoredAndPublishedLikeAnMqttUpdate() throws Exception {
        JsonNode accepted = update("http-car-1", null,
                "{\"state\":{\"desired\":{\"trunk\":\"open\"},\"reported\":{\"trunk\":\"closed\"}},"
                        + "\"clientToken\":\"tok-1\",\"thingName\":\"ignored\"}");
        assertThat(accepted.at("/state/desired/trunk").asText()).isEqualTo("open");
        assertThat(accepted.at("/metadata/desired/trunk/timestamp").isNumber()).isTrue();
        assertThat(accepted.get("version").asLong()).isEqualTo(1);
        assertThat(accepted.get("clientToken").asText()).isEqualTo("tok-1");

        JsonNode shadow = get("http-car-1", null);
        assertThat(shadow.at("/state/delta/trunk").asText()).isEqualTo("open");
        assertThat(shadow.at("/state/reported/trunk").asText()).isEqualTo("closed");
        assertThat(shadow.get("version").asLong()).isEqualTo(1);

        assertThat(PUBLISHED.topics()).containsExactly(
                "$aws/things/http-car-1/shadow/update/accepted",
                "$aws/things/http-car-1/shadow/update/delta",
                "$aws/things/http-car-1/shadow/update/documents");
        JsonNode delta = JSON.readTree(PUBLISHED.messages().get(1).payload());
        assertThat(delta.at("/state/trunk").asText()).isEqualTo("open");
        assertThat(delta.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void namedShadowsAreSeparateAndListed() throws Exception {
        update("http-car-2", "climate", "{\"state\":{\"reported\":{\"on\":false}}}");
        update("http-car-2", "lights", "{\"state\":{\"reported\":{\"mode\":\"auto\"}}}");
        assertThat(get("http-car-2", "climate").at("/state/reported/on").asBoolean()).isFalse();
        assertThatThrownBy(() -> get("http-car-2", null)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("No shadow exists with name: 'http-car-2'");
        assertThat(client.listNamedShadowsForThing(b -> b.thingName("http-car-2")).results())
                .containsExactly("climate", "lights");
        var page = client.listNamedShadowsForThing(b -> b.thingName("http-car-2").pageSize(1));
        assertThat(page.results()).containsExactly("climate");
        assertThat(client.listNamedShadowsForThing(b -> b.thingName("http-car-2").pageSize(1)
                .nextToken(page.nextToken())).results()).containsExactly("lights");
        assertThat(PUBLISHED.topics()).contains("$aws/things/http-car-2/shadow/name/lights/update/accepted");
    }

    @Test
    void deleteRemovesTheShadowAndPublishesDeleteAccepted() throws Exception {
        update("http-car-3", null, "{\"state\":{\"reported\":{\"lock\":\"locked\"}}}");
        JsonNode deleted = JSON.readTree(client.deleteThingShadow(b -> b.thingName("http-car-3"))
                .payload().asUtf8String());
        assertThat(deleted.get("version").asLong()).isEqualTo(1);
        assertThatThrownBy(() -> get("http-car-3", null)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(PUBLISHED.topics()).contains("$aws/things/http-car-3/shadow/delete/accepted");
        assertThatThrownBy(() -> client.deleteThingShadow(b -> b.thingName("http-car-3")))
                .as("a deleted shadow is gone for deletes too").isInstanceOf(ResourceNotFoundException.class);

        JsonNode recreated = update("http-car-3", null, "{\"state\":{\"reported\":{\"lock\":\"unlocked\"}}}");
        assertThat(recreated.get("version").asLong()).as("AWS continues a deleted shadow's version").isEqualTo(2);
        assertThat(get("http-car-3", null).at("/state/reported").toString()).isEqualTo("{\"lock\":\"unlocked\"}");
    }

    @Test
    void aDeletedNamedShadowIsNoLongerListed() throws Exception {
        update("http-car-7", "doors", "{\"state\":{\"reported\":{\"fl\":\"closed\"}}}");
        update("http-car-7", "trunk", "{\"state\":{\"reported\":{\"open\":false}}}");
        client.deleteThingShadow(b -> b.thingName("http-car-7").shadowName("doors"));
        assertThat(client.listNamedShadowsForThing(b -> b.thingName("http-car-7")).results())
                .containsExactly("trunk");
    }

    @Test
    void staleVersionIsAConflictAndChangesNothing() throws Exception {
        update("http-car-4", null, "{\"state\":{\"desired\":{\"lock\":\"locked\"}}}");
        update("http-car-4", null, "{\"state\":{\"desired\":{\"lock\":\"unlocked\"}},\"version\":1}");
        assertThatThrownBy(() -> update("http-car-4", null,
                "{\"state\":{\"desired\":{\"lock\":\"locked\"}},\"version\":1}"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Version conflict");
        JsonNode shadow = get("http-car-4", null);
        assertThat(shadow.at("/state/desired/lock").asText()).isEqualTo("unlocked");
        assertThat(shadow.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void badInputGetsAwsErrorsAndStoresNothing() throws Exception {
        assertThatThrownBy(() -> update("http-car-5", null, "{\"state\": {"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Invalid JSON");
        assertThatThrownBy(() -> update("http-car-5", null, "{\"state\": 5}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("State node must be an object");
        String big = "x".repeat(9000);
        assertThatThrownBy(() -> update("http-car-5", null, "{\"state\":{\"reported\":{\"a\":\"" + big + "\"}}}"))
                .isInstanceOf(RequestEntityTooLargeException.class);
        byte[] latin1 = {'{', '"', 's', 't', 'a', 't', 'e', '"', ':', '{', '"', (byte) 0xE9, '"', ':', '1', '}', '}'};
        assertThatThrownBy(() -> client.updateThingShadow(b -> b.thingName("http-car-5")
                .payload(SdkBytes.fromByteArray(latin1))))
                .isInstanceOf(UnsupportedDocumentEncodingException.class);
        assertThatThrownBy(() -> get("http-car-5", null)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(PUBLISHED.topics()).isEmpty();
    }

    @Test
    void anEmptyShadowNameIs400ForEveryOperationAndNeverTouchesTheClassicShadow() throws Exception {
        HttpResponse<String> post = raw("POST", "/things/http-car-8/shadow?name=",
                "{\"state\":{\"reported\":{\"lock\":\"locked\"}}}");
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(post.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");
        assertThat(JSON.readTree(post.body()).get("code").asInt()).isEqualTo(400);
        assertThat(JSON.readTree(post.body()).get("message").asText()).isEqualTo("Invalid shadow name");
        assertThat(raw("GET", "/things/http-car-8/shadow?name=", null).statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> get("http-car-8", null)).as("the classic shadow was not written")
                .isInstanceOf(ResourceNotFoundException.class);

        update("http-car-8", null, "{\"state\":{\"reported\":{\"lock\":\"unlocked\"}}}");
        assertThat(raw("DELETE", "/things/http-car-8/shadow?name=", null).statusCode()).isEqualTo(400);
        assertThat(get("http-car-8", null).at("/state/reported/lock").asText()).isEqualTo("unlocked");
        assertThat(PUBLISHED.topics()).containsExactly("$aws/things/http-car-8/shadow/update/accepted",
                "$aws/things/http-car-8/shadow/update/documents");
    }

    @Test
    void numbersBeyondDoubleComeBackExactlyFromTheAnswerTheGetAndTheStoredRow() throws Exception {
        String numbers = "{\"huge\":1e400,\"tiny\":1e-400,\"long\":123456789012345678901234567890.5}";
        String accepted = client.updateThingShadow(b -> b.thingName("http-car-9")
                .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":" + numbers + "}}")))
                .payload().asUtf8String();
        String got = client.getThingShadow(b -> b.thingName("http-car-9")).payload().asUtf8String();
        ShadowRow stored = repository.find(new ShadowKey("http-car-9", ShadowKey.CLASSIC)).orElseThrow();

        String exact = "{\"huge\":1E+400,\"tiny\":1E-400,\"long\":123456789012345678901234567890.5}";
        assertThat(accepted).contains("\"desired\":" + exact).doesNotContain("Infinity");
        assertThat(got).contains("\"desired\":" + exact);
        assertThat(stored.document()).contains(exact);
        assertThat(stored.shadow().orElseThrow().desired().at("/tiny").orElseThrow().decimalValue())
                .isEqualByComparingTo(new BigDecimal("1e-400"));
    }

    @Test
    void arrayMetadataHasOneEntryPerElementAsAwsIotReturnsIt() throws Exception {
        JsonNode accepted = update("http-car-10", null, "{\"state\":{\"reported\":{\"a\":[1,2,{\"b\":3}]}}}");

        long t = accepted.get("timestamp").asLong();
        String expected = "[{\"timestamp\":" + t + "},{\"timestamp\":" + t + "},{\"b\":{\"timestamp\":" + t + "}}]";
        assertThat(accepted.at("/metadata/reported/a").toString()).isEqualTo(expected);
        assertThat(get("http-car-10", null).at("/metadata/reported/a").toString()).isEqualTo(expected);
    }

    private static HttpResponse<String> raw(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndPrometheusMetricsAreServed() throws Exception {
        update("http-car-6", null, "{\"state\":{\"reported\":{\"speed\":0}}}");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("fleet_shadow_requests_seconds_count{operation=\"update\"");
    }
}
