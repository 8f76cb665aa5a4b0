package io.fleet.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import io.fleet.cloud.shadow.RecordingPublisher;
import io.fleet.cloud.shadow.ShadowCommitLanes;
import io.fleet.cloud.shadow.ShadowRepository;
import io.fleet.cloud.shadow.ShadowService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iotdataplane.model.UnauthorizedException;

/** The HTTP data-plane API with SigV4 required, judged by the unmodified {@link IotDataPlaneClient} and curl. */
@ExtendWith(EmbeddedDatabaseExtension.class)
class SignedShadowHttpApiIT {

    private static final String KEY_ID = "AKIAFLEETTESTKEY0002";
    private static final String SECRET = "fleet-test-secret-of-the-second-profile";

    @TempDir
    static Path dir;
    private static ShadowCommitLanes lanes;
    private static HttpApiServer server;

    @BeforeAll
    static void start(Database db) throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), "# keys the shadow API accepts\n"
                + "[default]\naws_access_key_id = AKIAFLEETTESTKEY0001\naws_secret_access_key = first-secret\n\n"
                + "[rig-lab]\naws_access_key_id=" + KEY_ID + "\naws_secret_access_key=" + SECRET + "\n");
        ShadowRepository repository = new ShadowRepository(db.dataSource());
        lanes = new ShadowCommitLanes(repository, 2, 64, 1000, Thread::new);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ShadowService service = new ShadowService(lanes, repository, new RecordingPublisher(), Clock.systemUTC(),
                Executors.newSingleThreadExecutor(), metrics);
        server = HttpApiServer.start("127.0.0.1", 0, service,
                SigV4Verifier.fromCredentialsFile(credentials, Clock.systemUTC()), metrics,
                () -> new HealthReport(Map.of("database", true)), List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        lanes.close();
    }

    private static IotDataPlaneClient client(String keyId, String secret) {
        return IotDataPlaneClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String update(IotDataPlaneClient client, String thing, String shadow, String body) {
        return client.updateThingShadow(b -> b.thingName(thing).shadowName(shadow)
                .payload(SdkBytes.fromUtf8String(body))).payload().asUtf8String();
    }

    @Test
    void aClientSigningWithAConfiguredKeyReadsAndWritesClassicAndNamedShadows() {
        try (IotDataPlaneClient client = client(KEY_ID, SECRET)) {
            assertThat(update(client, "signed:car-1", null, "{\"state\":{\"desired\":{\"trunk\":\"open\"}}}"))
                    .contains("\"version\":1");
            assertThat(update(client, "signed:car-1", "climate", "{\"state\":{\"reported\":{\"cabin\":21}}}"))
                    .contains("\"cabin\":21");

            assertThat(client.getThingShadow(b -> b.thingName("signed:car-1")).payload().asUtf8String())
                    .contains("\"delta\":{\"trunk\":\"open\"}");
            assertThat(client.getThingShadow(b -> b.thingName("signed:car-1").shadowName("climate")).payload()
                    .asUtf8String()).contains("\"cabin\":21");
            assertThat(client.listNamedShadowsForThing(b -> b.thingName("signed:car-1")).results())
                    .containsExactly("climate");
        }
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRefusedAndChangesNothing() {
        try (IotDataPlaneClient wrongSecret = client(KEY_ID, "not-the-secret");
             IotDataPlaneClient unknownKey = client("AKIAFLEETUNKNOWN0000", SECRET);
             IotDataPlaneClient good = client(KEY_ID, SECRET)) {
            assertThatThrownBy(() -> update(wrongSecret, "signed-car-2", null, "{\"state\":{\"desired\":{}}}"))
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("The request signature we calculated does not match");
            assertThatThrownBy(() -> unknownKey.getThingShadow(b -> b.thingName("signed-car-2")))
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("The security token included in the request is invalid");
            assertThatThrownBy(() -> good.getThingShadow(b -> b.thingName("signed-car-2")))
                    .as("the refused update stored nothing").isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void anUnsignedRequestIsRefusedWithAwsMessage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/things/signed-car-3/shadow"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":{\"desired\":{\"lights\":\"on\"}}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Missing Authentication Token");
    }

    @Test
    void curlSigningWithItsOwnSigV4ImplementationGetsIn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Process curl = new ProcessBuilder("/usr/bin/curl", "-s", "-w", "\n%{http_code}", "--aws-sigv4",
                "aws:amz:eu-central-1:iotdata", "--user", KEY_ID + ":" + SECRET, "-X", "POST",
                "-H", "Content-Type: application/json",
                "-d", "{\"state\":{\"reported\":{\"doors\":\"locked\"}}}",
                "http://127.0.0.1:" + server.port() + "/things/signed-car-4/shadow?name=body").start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out).endsWith("\n200").contains("\"doors\":\"locked\"");
    }
}
