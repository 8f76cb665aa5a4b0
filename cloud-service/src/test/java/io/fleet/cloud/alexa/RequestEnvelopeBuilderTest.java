package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.ask.model.IntentRequest;
import com.amazon.ask.model.RequestEnvelope;
import com.amazon.ask.model.slu.entityresolution.StatusCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code fleet alexa} sends parses as an ASK request envelope and drives the skill like Alexa's would. */
class RequestEnvelopeBuilderTest {

    private static final InteractionModel US = InteractionModel.load("en-US");
    private final FakeFleet fleet = new FakeFleet();
    private final GenieSkill skill = new GenieSkill(fleet, fleet, fleet);

    private RequestEnvelope envelope(String utterance, String token) {
        ObjectNode json = new RequestEnvelopeBuilder(US, Envelopes.APPLICATION_ID, token)
                .build(new UtteranceResolver(US).resolve(utterance), Instant.parse("2026-11-26T12:00:00.123Z"));
        return Envelopes.envelope(json);
    }

    @Test
    void anIntentRequestCarriesTokenLocaleTimestampEverySlotAndResolutions() {
        RequestEnvelope envelope = envelope("open the driver's door", "alice-token");

        assertThat(envelope.getVersion()).isEqualTo("1.0");
        assertThat(envelope.getContext().getSystem().getUser().getAccessToken()).isEqualTo("alice-token");
        assertThat(envelope.getContext().getSystem().getApplication().getApplicationId())
                .isEqualTo(Envelopes.APPLICATION_ID);
        IntentRequest request = (IntentRequest) envelope.getRequest();
        assertThat(request.getLocale()).isEqualTo("en-US");
        assertThat(request.getRequestId()).startsWith("amzn1.echo-api.request.");
        assertThat(request.getTimestamp().toInstant()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(request.getIntent().getName()).isEqualTo("DoorIntent");
        assertThat(request.getIntent().getSlots()).containsOnlyKeys("action", "door", "vehicle", "pin");
        var door = request.getIntent().getSlots().get("door");
        assertThat(door.getValue()).isEqualTo("driver's");
        var resolution = door.getResolutions().getResolutionsPerAuthority().get(0);
        assertThat(resolution.getStatus().getCode()).isEqualTo(StatusCode.ER_SUCCESS_MATCH);
        assertThat(resolution.getValues().get(0).getValue().getId()).isEqualTo("fl");
        assertThat(request.getIntent().getSlots().get("vehicle").getValue()).isNull();
    }

    private JsonNode invoke(ObjectNode request) {
        try {
            return Envelopes.JSON.readTree(GenieSkill.serialize(skill.invoke(Envelopes.envelope(request))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the CLI does: the utterance, then, if genie asks for the voice PIN, the follow-up request with it. */
    private String converse(String utterance, String token) {
        ObjectNode first = new RequestEnvelopeBuilder(US, Envelopes.APPLICATION_ID, token)
                .build(new UtteranceResolver(US).resolve(utterance), Instant.parse("2026-11-26T12:00:00.123Z"));
        JsonNode answer = invoke(first);
        Optional<JsonNode> pin = AlexaCommand.elicitation(answer, "pin");
        if (pin.isEmpty()) {
            return AlexaCommand.SpokenAnswer.speech(answer);
        }
        ObjectNode next = new RequestEnvelopeBuilder(US, Envelopes.APPLICATION_ID, token).answer(first,
                pin.get().get("updatedIntent"), "pin", "1234", Instant.parse("2026-11-26T12:00:05Z"));
        return Envelopes.speech(skill.invoke(Envelopes.envelope(next)));
    }

    @Test
    void theFollowUpOfADialogKeepsTheSessionAndFillsTheElicitedSlot() {
        ObjectNode first = new RequestEnvelopeBuilder(US, Envelopes.APPLICATION_ID, "alice-token")
                .build(new UtteranceResolver(US).resolve("open my trunk"), Instant.parse("2026-11-26T12:00:00Z"));
        JsonNode answer = invoke(first);
        JsonNode updatedIntent = AlexaCommand.elicitation(answer, "pin").orElseThrow().get("updatedIntent");

        ObjectNode next = new RequestEnvelopeBuilder(US, Envelopes.APPLICATION_ID, "alice-token")
                .answer(first, updatedIntent, "pin", "1234", Instant.parse("2026-11-26T12:00:05Z"));

        assertThat(next.at("/session/new").asBoolean()).isFalse();
        assertThat(next.at("/session/sessionId")).isEqualTo(first.at("/session/sessionId"));
        assertThat(next.at("/request/requestId")).isNotEqualTo(first.at("/request/requestId"));
        assertThat(next.at("/request/dialogState").asText()).isEqualTo("IN_PROGRESS");
        assertThat(next.at("/request/timestamp").asText()).isEqualTo("2026-11-26T12:00:05Z");
        assertThat(next.at("/request/intent/slots/pin/value").asText()).isEqualTo("1234");
        assertThat(next.at("/request/intent/slots/action/resolutions/resolutionsPerAuthority/0/values/0/value/id")
                .asText()).isEqualTo("open");
        assertThat(first.at("/request/intent/slots/pin/value").isMissingNode()).as("the first request unchanged")
                .isTrue();
    }

    @Test
    void theSkillAnswersWhatTheCliSends() {
        assertThat(converse("open my trunk", "alice-token")).isEqualTo("Your trunk is open.");
        assertThat(converse("set the front left window to 40 percent", "alice-token"))
                .isEqualTo("The front left window is 40 percent open.");
        assertThat(converse("open the trunk of demo car 2", "bob-token")).isEqualTo("Your trunk is open.");
        assertThat(fleet.submits).extracting(FakeFleet.Submit::vehicle)
                .containsExactly("demo-car-1", "demo-car-1", "demo-car-2");
    }

    @Test
    void withoutATokenTheUserIsAskedToLink() {
        assertThat(Envelopes.speech(skill.invoke(envelope("open my trunk", null)))).isEqualTo(Replies.LINK_ACCOUNT);
    }

    @Test
    void aLaunchRequestHasNoIntent() {
        assertThat(envelope("open genie", "alice-token").getRequest().getType()).isEqualTo("LaunchRequest");
    }
}
