package io.fleet.cloud.alexa;

import static io.fleet.cloud.alexa.Envelopes.envelope;
import static io.fleet.cloud.alexa.Envelopes.speech;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.ask.model.ResponseEnvelope;
import com.amazon.ask.model.dialog.ElicitSlotDirective;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.users.VoicePinCheck;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unlocking and opening by voice need the spoken voice PIN; locking, closing and status questions do not. The
 * lockout rule itself is {@code VoicePinStoreIT}'s; here the skill's side of each answer of a PIN check.
 */
class VoicePinSkillTest {

    private final FakeFleet fleet = new FakeFleet();
    private final GenieSkill skill = new GenieSkill(fleet, fleet, fleet, Duration.ofMillis(2500),
            Duration.ofSeconds(1));

    private ResponseEnvelope say(String file, String pin) {
        return skill.invoke(envelope(Envelopes.withPin(Envelopes.json(file), pin)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unlock", "trunk-open", "door-open-driver", "window-down", "window-percent"})
    void withoutThePinTheSkillElicitsItWithTheModelsPromptAndSendsNothing(String file) {
        ResponseEnvelope response = skill.invoke(envelope(file));

        assertThat(speech(response)).isEqualTo("What is your voice PIN?");
        assertThat(response.getResponse().getShouldEndSession()).isFalse();
        assertThat(response.getResponse().getDirectives()).singleElement()
                .isInstanceOfSatisfying(ElicitSlotDirective.class, d -> {
                    assertThat(d.getSlotToElicit()).isEqualTo("pin");
                    assertThat(d.getUpdatedIntent().getSlots()).containsKey("pin");
                });
        assertThat(fleet.submits).isEmpty();
        assertThat(fleet.pinChecks).containsExactly(Optional.empty());
    }

    @Test
    void theRightPinUnlocks() {
        assertThat(speech(say("unlock", "1234"))).isEqualTo("Your car is unlocked.");

        assertThat(fleet.pinChecks).containsExactly(Optional.of("1234"));
        assertThat(fleet.submits).singleElement().satisfies(s -> {
            assertThat(s.attribute()).isEqualTo("lock");
            assertThat(s.value()).isEqualTo("unlocked");
        });
    }

    @Test
    void aWrongPinIsRefusedWithTheTriesLeftAndUnlocksNothing() {
        ResponseEnvelope response = say("unlock", "9999");

        assertThat(speech(response)).isEqualTo("That PIN isn't right. After 2 more wrong PINs, voice unlock is locked "
                + "for 15 minutes.");
        assertThat(response.getResponse().getShouldEndSession()).isTrue();
        assertThat(fleet.submits).isEmpty();
    }

    @Test
    void aLockedUserIsToldForHowLongEvenWithTheRightPinAndIsNotAskedForOne() {
        fleet.pinAnswer = new VoicePinCheck.Locked(Duration.ofMinutes(14).plusSeconds(2));

        assertThat(speech(say("trunk-open", "1234"))).isEqualTo("Voice unlock is locked for 15 minutes after 3 wrong "
                + "PINs. Try again in 15 minutes.");
        ResponseEnvelope withoutPin = skill.invoke(envelope("unlock"));
        assertThat(speech(withoutPin)).startsWith("Voice unlock is locked");
        assertThat(withoutPin.getResponse().getDirectives()).isNullOrEmpty();
        assertThat(fleet.submits).isEmpty();
    }

    @Test
    void withoutAVoicePinSetUnlockIsRefusedWithHowToSetOne() {
        fleet.pins.remove("alice");

        ResponseEnvelope response = skill.invoke(envelope("unlock"));

        assertThat(speech(response)).isEqualTo("Unlocking or opening by voice needs a voice PIN, and you haven't set "
                + "one. Set it with the command: fleet user pin alice.");
        assertThat(response.getResponse().getDirectives()).isNullOrEmpty();
        assertThat(response.getResponse().getShouldEndSession()).isTrue();
        assertThat(fleet.submits).isEmpty();
    }

    @Test
    void somethingThatIsNotFourDigitsIsAskedForAgainWithoutCountingAsWrong() {
        ResponseEnvelope response = say("unlock", "12");

        assertThat(speech(response)).isEqualTo("A voice PIN has four digits. What is your voice PIN?");
        assertThat(fleet.pinChecks).containsExactly(Optional.empty());
        assertThat(fleet.submits).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock", "trunk-close-en-GB", "headlights-auto", "climate-on", "set-temperature-en-GB"})
    void lockingClosingAndTheRestNeedNoPin(String file) {
        fleet.pins.remove("alice");

        assertThat(skill.invoke(envelope(file)).getResponse().getShouldEndSession()).isTrue();

        assertThat(fleet.submits).hasSize(1);
        assertThat(fleet.pinChecks).isEmpty();
    }

    @Test
    void closingAWindowNeedsNoPin() {
        ObjectNode json = Envelopes.json("window-down");
        ((ObjectNode) json.at("/request/intent/slots/action")).put("value", "close").remove("resolutions");

        assertThat(speech(skill.invoke(envelope(json)))).isEqualTo("The rear left window is closed.");
        assertThat(fleet.pinChecks).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock-status", "trunk-status", "car-status", "temperature-status"})
    void statusQuestionsNeedNoPin(String file) {
        skill.invoke(envelope(file));

        assertThat(fleet.pinChecks).isEmpty();
    }
}
