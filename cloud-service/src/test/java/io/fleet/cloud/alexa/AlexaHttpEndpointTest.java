package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /alexa} on a real Vert.x server, signed with a test CA's certificate. */
class AlexaHttpEndpointTest {

    private static final TestSigningCertificates CERTS = new TestSigningCertificates();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static ExecutorService workers;
    private static String verifying;
    private static String unverified;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        workers = Executors.newFixedThreadPool(2);
        FakeFleet fleet = new FakeFleet();
        GenieSkill skill = new GenieSkill(fleet, fleet, fleet);
        RequestSignatureVerifier signature = new RequestSignatureVerifier(
                url -> CertificateChainRetriever.parse(CERTS.pem(CERTS.signer, CERTS.ca)), CERTS.anchors(),
                Clock.systemUTC());
        verifying = listen(new AlexaHttpEndpoint(skill, AlexaSettings.verifying(Envelopes.APPLICATION_ID), signature,
                workers));
        unverified = listen(new AlexaHttpEndpoint(skill, AlexaSettings.unverified(), signature, workers));
    }

    private static String listen(AlexaHttpEndpoint endpoint) throws Exception {
        Router router = Router.router(vertx);
        endpoint.mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return "http://127.0.0.1:" + server.actualPort() + "/alexa";
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        workers.shutdownNow();
    }

    private static byte[] body(Instant timestamp, String applicationId) throws Exception {
        return body(Envelopes.withPin(Envelopes.json("trunk-open"), "1234"), timestamp, applicationId);
    }

    private static byte[] body(ObjectNode json, Instant timestamp, String applicationId) throws Exception {
        ((ObjectNode) json.get("request")).put("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        ((ObjectNode) json.at("/context/System/application")).put("applicationId", applicationId);
        ((ObjectNode) json.at("/session/application")).put("applicationId", applicationId);
        return Envelopes.JSON.writeValueAsBytes(json);
    }

    private static HttpResponse<String> post(String url, byte[] body, String signature, String chainUrl)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("Signature-256", signature);
        }
        if (chainUrl != null) {
            request.header("SignatureCertChainUrl", chainUrl);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedFreshRequestForThisSkillIsAnswered() throws Exception {
        byte[] body = body(Instant.now(), Envelopes.APPLICATION_ID);

        HttpResponse<String> response = post(verifying, body, CERTS.sign(body), TestSigningCertificates.CHAIN_URL);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = Envelopes.JSON.readTree(response.body());
        assertThat(json.path("version").asText()).isEqualTo("1.0");
        assertThat(json.at("/response/outputSpeech/ssml").asText()).isEqualTo("<speak>Your trunk is open.</speak>");
    }

    @Test
    void aSignedUnlockIsAskedForThePinAndTheSignedAnswerWithItUnlocks() throws Exception {
        byte[] ask = body(Envelopes.json("unlock"), Instant.now(), Envelopes.APPLICATION_ID);
        byte[] answer = body(Envelopes.withPin(Envelopes.json("unlock"), "1234"), Instant.now(),
                Envelopes.APPLICATION_ID);

        JsonNode question = Envelopes.JSON.readTree(post(verifying, ask, CERTS.sign(ask),
                TestSigningCertificates.CHAIN_URL).body());
        JsonNode unlocked = Envelopes.JSON.readTree(post(verifying, answer, CERTS.sign(answer),
                TestSigningCertificates.CHAIN_URL).body());

        assertThat(question.at("/response/outputSpeech/ssml").asText())
                .isEqualTo("<speak>What is your voice PIN?</speak>");
        assertThat(question.at("/response/directives/0/type").asText()).isEqualTo("Dialog.ElicitSlot");
        assertThat(question.at("/response/directives/0/slotToElicit").asText()).isEqualTo("pin");
        assertThat(question.at("/response/shouldEndSession").asBoolean()).isFalse();
        assertThat(unlocked.at("/response/outputSpeech/ssml").asText())
                .isEqualTo("<speak>Your car is unlocked.</speak>");
    }

    @Test
    void aBadSignatureIs400() throws Exception {
        byte[] body = body(Instant.now(), Envelopes.APPLICATION_ID);
        byte[] other = body(Instant.now().minusSeconds(1), Envelopes.APPLICATION_ID);

        assertThat(post(verifying, body, CERTS.sign(other), TestSigningCertificates.CHAIN_URL).statusCode())
                .isEqualTo(400);
        assertThat(post(verifying, body, null, null).statusCode()).isEqualTo(400);
        assertThat(post(verifying, body, CERTS.sign(body), "https://evil.example/echo.api/c.pem").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aTimestampOlderThan150SecondsIs400() throws Exception {
        byte[] stale = body(Instant.now().minusSeconds(160), Envelopes.APPLICATION_ID);
        byte[] future = body(Instant.now().plusSeconds(160), Envelopes.APPLICATION_ID);
        byte[] recent = body(Instant.now().minusSeconds(100), Envelopes.APPLICATION_ID);

        assertThat(post(verifying, stale, CERTS.sign(stale), TestSigningCertificates.CHAIN_URL).statusCode())
                .isEqualTo(400);
        assertThat(post(verifying, future, CERTS.sign(future), TestSigningCertificates.CHAIN_URL).statusCode())
                .isEqualTo(400);
        assertThat(post(verifying, recent, CERTS.sign(recent), TestSigningCertificates.CHAIN_URL).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anotherSkillsApplicationIdIs400() throws Exception {
        byte[] body = body(Instant.now(), "amzn1.ask.skill.someone-else");

        assertThat(post(verifying, body, CERTS.sign(body), TestSigningCertificates.CHAIN_URL).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aBodyThatIsNotAnEnvelopeIs400() throws Exception {
        byte[] body = "not json".getBytes();

        HttpResponse<String> response = post(verifying, body, CERTS.sign(body), TestSigningCertificates.CHAIN_URL);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"code\":400,\"error\":\"BadRequest\",\"message\":\"not an Alexa request envelope\"}");
    }

    @Test
    void aBodyOverTheLimitIs413InTheSameShape() throws Exception {
        byte[] body = new byte[(int) AlexaHttpEndpoint.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<String> response = post(unverified, body, null, null);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body())
                .isEqualTo("{\"code\":413,\"error\":\"PayloadTooLarge\",\"message\":\"the request exceeds 64 KiB\"}");
    }

    @Test
    void withVerificationOffAnUnsignedRequestIsAnswered() throws Exception {
        byte[] body = body(Instant.now().minusSeconds(3600), "amzn1.ask.skill.anything");

        HttpResponse<String> response = post(unverified, body, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Your trunk is open.");
    }
}
