package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Lambda entry point, over the fake fleet and over a stand-in of the app API (as configured by the
 * environment), which exercises {@link AppApiClient}.
 */
class AlexaLambdaHandlerTest {

    private static final String COMMAND_ID = "6f1c2d3e-0000-4000-8000-000000000001";
    private static Vertx vertx;
    private static String api;
    private static final List<String> POSTED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger POLLS = new AtomicInteger();

    @BeforeAll
    static void startAppApi() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.route("/api/*").handler(ctx -> {
            if (!"Bearer alice-token".equals(ctx.request().getHeader("Authorization"))) {
                reply(ctx, 401, "{\"code\":401,\"error\":\"Unauthorized\",\"message\":\"unknown token\"}");
            } else {
                ctx.next();
            }
        });
        router.get("/api/me").handler(ctx -> reply(ctx, 200,
                "{\"name\":\"alice\",\"role\":\"OWNER\",\"vehicles\":[\"demo-car-1\"],\"defaultVehicle\":null}"));
        router.post("/api/vehicles/demo-car-1/commands").handler(ctx -> {
            POSTED.add(ctx.body().asString());
            reply(ctx, 202, command("DELIVERED"));
        });
        router.get("/api/vehicles/demo-car-1/commands/" + COMMAND_ID).handler(ctx ->
                reply(ctx, 200, command(POLLS.incrementAndGet() < 3 ? "DELIVERED" : "SUCCEEDED")));
        router.post("/api/me/voice-pin/check").handler(ctx -> {
            String pin = ctx.body().asJsonObject().getString("pin");
            reply(ctx, 200, pin == null ? "{\"result\":\"REQUIRED\"}" : "1234".equals(pin)
                    ? "{\"result\":\"ACCEPTED\"}" : "{\"result\":\"WRONG\",\"triesLeft\":1}");
        });
        router.get("/api/vehicles/demo-car-1").handler(ctx -> reply(ctx, 200, "{\"vin\":\"demo-car-1\",\"online\":true,"
                + "\"lastSeen\":1,\"shadow\":{\"state\":{\"reported\":{\"lock\":\"locked\"}},\"version\":3}}"));
        int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        api = "http://127.0.0.1:" + port;
    }

    private static String command(String status) {
        return "{\"id\":\"" + COMMAND_ID + "\",\"vin\":\"demo-car-1\",\"attribute\":\"trunk\",\"value\":\"open\","
                + "\"status\":\"" + status + "\",\"reason\":null,\"desiredVersion\":4,\"source\":\"alexa\","
                + "\"user\":\"alice\",\"createdAt\":1,\"updatedAt\":2}";
    }

    private static void reply(RoutingContext ctx, int status, String json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static JsonNode invoke(AlexaLambdaHandler handler, ObjectNode request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Envelopes.JSON.writeValueAsBytes(request)), out, null);
        return Envelopes.JSON.readTree(out.toByteArray());
    }

    @Test
    void answersWithTheSameSkillAsTheHttpEndpoint() throws Exception {
        FakeFleet fleet = new FakeFleet();
        AlexaLambdaHandler handler = new AlexaLambdaHandler(new GenieSkill(fleet, fleet, fleet),
                Envelopes.APPLICATION_ID);

        JsonNode response = invoke(handler, Envelopes.withPin(Envelopes.json("trunk-open"), "1234"));

        assertThat(response.at("/response/outputSpeech/ssml").asText()).isEqualTo("<speak>Your trunk is open.</speak>");
    }

    @Test
    void anotherSkillsRequestFails() {
        FakeFleet fleet = new FakeFleet();
        AlexaLambdaHandler handler = new AlexaLambdaHandler(new GenieSkill(fleet, fleet, fleet),
                "amzn1.ask.skill.other");

        assertThatThrownBy(() -> invoke(handler, Envelopes.json("trunk-open"))).isInstanceOf(SecurityException.class);
    }

    @Test
    void configuredByTheEnvironmentItCommandsThroughTheAppApiAndWaitsForConfirmation() throws Exception {
        AlexaLambdaHandler handler = new AlexaLambdaHandler(Map.of("FLEET_API_URL", api,
                "ALEXA_APPLICATION_ID", Envelopes.APPLICATION_ID));

        JsonNode response = invoke(handler, Envelopes.withPin(Envelopes.json("trunk-open"), "1234"));

        assertThat(response.at("/response/outputSpeech/ssml").asText()).isEqualTo("<speak>Your trunk is open.</speak>");
        assertThat(POSTED).as("the app API checks an opening command's PIN again: it goes along")
                .contains("{\"attribute\":\"trunk\",\"value\":\"open\",\"pin\":\"1234\"}");
        assertThat(POLLS.get()).isGreaterThanOrEqualTo(3);
        assertThat(invoke(handler, Envelopes.json("lock-status")).at("/response/outputSpeech/ssml").asText())
                .isEqualTo("<speak>Your car is locked.</speak>");
    }

    @Test
    void theVoicePinIsAskedForAndCheckedThroughTheAppApi() throws Exception {
        AlexaLambdaHandler handler = new AlexaLambdaHandler(Map.of("FLEET_API_URL", api));
        int posted = POSTED.size();

        JsonNode ask = invoke(handler, Envelopes.json("unlock"));
        JsonNode wrong = invoke(handler, Envelopes.withPin(Envelopes.json("unlock"), "9999"));

        assertThat(ask.at("/response/outputSpeech/ssml").asText()).isEqualTo("<speak>What is your voice PIN?</speak>");
        assertThat(ask.at("/response/directives/0/type").asText()).isEqualTo("Dialog.ElicitSlot");
        assertThat(ask.at("/response/directives/0/slotToElicit").asText()).isEqualTo("pin");
        assertThat(wrong.at("/response/outputSpeech/ssml").asText()).isEqualTo("<speak>"
                + VoicePinGate.wrong(1) + "</speak>");
        assertThat(POSTED).hasSize(posted);
    }

    @Test
    void anUnknownTokenAtTheAppApiAsksToLink() throws Exception {
        AlexaLambdaHandler handler = new AlexaLambdaHandler(Map.of("FLEET_API_URL", api));
        ObjectNode request = Envelopes.json("trunk-open");
        ((ObjectNode) request.at("/context/System/user")).put("accessToken", "revoked");

        assertThat(invoke(handler, request).at("/response/card/type").asText()).isEqualTo("LinkAccount");
    }

    @Test
    void withoutTheApiUrlItRefusesToStart() {
        assertThatThrownBy(() -> new AlexaLambdaHandler(Map.of())).hasMessageContaining("FLEET_API_URL");
    }
}
