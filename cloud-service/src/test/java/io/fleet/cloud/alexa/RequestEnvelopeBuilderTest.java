package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.ask.model.IntentRequest;
import com.amazon.ask.model.RequestEnvelope;
import com.amazon.ask.model.slu.entityresolution.StatusCode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@code fleet alexa} sends parses as an ASK request envelope and drives the skill like Alexa's would. */
class RequestEnvelopeBuilderTest {

    private static final InteractionModel US = InteractionModel.load("en-US");
    private final FakeFleet fleet = new FakeFleet();
    private final GenieSkill skill = new GenieSkill(fleet, fleet);

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
        assertThat(request.getIntent().getSlots()).containsOnlyKeys("action", "door", "vehicle");
        var door = request.getIntent().getSlots().get("door");
        assertThat(door.getValue()).isEqualTo("driver's");
        var resolution = door.getResolutions().getResolutionsPerAuthority().get(0);
        assertThat(resolution.getStatus().getCode()).isEqualTo(StatusCode.ER_SUCCESS_MATCH);
        assertThat(resolution.getValues().get(0).getValue().getId()).isEqualTo("fl");
        assertThat(request.getIntent().getSlots().get("vehicle").getValue()).isNull();
    }

    @Test
    void theSkillAnswersWhatTheCliSends() {
        assertThat(Envelopes.speech(skill.invoke(envelope("open my trunk", "alice-token"))))
                .isEqualTo("Your trunk is open.");
        assertThat(Envelopes.speech(skill.invoke(envelope("set the front left window to 40 percent",
                "alice-token")))).isEqualTo("The front left window is 40 percent open.");
        assertThat(Envelopes.speech(skill.invoke(envelope("open the trunk of demo car 2", "bob-token"))))
                .isEqualTo("Your trunk is open.");
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
