package io.fleet.cloud.alexa;

import static io.fleet.cloud.alexa.Envelopes.envelope;
import static io.fleet.cloud.alexa.Envelopes.speech;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.ask.model.ResponseEnvelope;
import com.amazon.ask.model.dialog.ElicitSlotDirective;
import com.amazon.ask.model.ui.LinkAccountCard;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.users.User;
import io.fleet.cloud.vehicles.CommandStatus;
import io.fleet.cloud.vehicles.InvalidCommandException;
import io.fleet.cloud.vehicles.VehicleNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenieSkillTest {

    private final FakeFleet fleet = new FakeFleet();
    private final GenieSkill skill = new GenieSkill(fleet, fleet, fleet, Duration.ofMillis(2500),
            Duration.ofSeconds(1));

    /** The envelope as Alexa sends it once alice has said her voice PIN (intents without a PIN slot unchanged). */
    private static com.amazon.ask.model.RequestEnvelope withPin(String file) {
        return envelope(Envelopes.withPin(Envelopes.json(file), "1234"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "trunk-open                 | trunk          | open     | Your trunk is open.",
        "trunk-close-en-GB          | trunk          | closed   | Your boot is closed.",
        "door-open-driver           | doors.fl       | open     | The front left door is open.",
        "lock                       | lock           | locked   | Your car is locked.",
        "unlock                     | lock           | unlocked | Your car is unlocked.",
        "window-down                | windows.rl     | 100      | The rear left window is open.",
        "window-percent             | windows.fr     | 40       | The front right window is 40 percent open.",
        "headlights-auto            | headlights     | auto     | Your headlights are on automatic.",
        "climate-on                 | climate.on     | true     | The climate control is on.",
        "set-temperature-en-GB      | climate.target | 21       | The temperature is set to 21 degrees.",
        "set-temperature-fahrenheit | climate.target | 22       | The temperature is set to 72 degrees.",
    })
    void everyCommandIntentSubmitsItsAttributeAndSpeaksTheConfirmedOutcome(String file, String attribute,
                                                                            String value, String expected) {
        ResponseEnvelope response = skill.invoke(withPin(file));

        assertThat(speech(response)).isEqualTo(expected);
        assertThat(response.getResponse().getShouldEndSession()).isTrue();
        assertThat(fleet.submits).singleElement().satisfies(s -> {
            assertThat(s.user()).isEqualTo(FakeFleet.ALICE);
            assertThat(s.vehicle()).isEqualTo("demo-car-1");
            assertThat(s.attribute()).isEqualTo(attribute);
            assertThat(String.valueOf(s.value())).isEqualTo(value);
            assertThat(s.source()).isEqualTo("alexa");
        });
        assertThat(fleet.lastWait).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void valuesHaveTheVocabularysTypes() {
        skill.invoke(withPin("window-percent"));
        skill.invoke(envelope("climate-on"));
        skill.invoke(envelope("set-temperature-en-GB"));

        assertThat(fleet.submits).extracting(FakeFleet.Submit::value).containsExactly(40, true, 21);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vehicle is moving (speed 30 km/h): trunk cannot open  | I couldn't open the trunk because the car is moving.",
        "vehicle is locked: unlock it before opening the trunk | I couldn't open the trunk because the car is locked.",
    })
    void aCarThatRefusesIsReportedTruthfullyWithTheInterlockReason(String reason, String expected) {
        fleet.outcome = CommandStatus.REJECTED;
        fleet.reason = reason;

        assertThat(speech(skill.invoke(withPin("trunk-open")))).isEqualTo(expected);
    }

    @Test
    void noConfirmationWithinTheWaitIsNotClaimedAsDone() {
        fleet.outcome = CommandStatus.DELIVERED;

        assertThat(speech(skill.invoke(withPin("trunk-open"))))
                .isEqualTo("I've sent the command, but the car hasn't confirmed yet.");
    }

    @Test
    void anOfflineCarAndATimeOutAreSaidAsSuch() {
        fleet.outcome = CommandStatus.PENDING;
        assertThat(speech(skill.invoke(envelope("lock")))).startsWith("Your car seems to be offline.");
        fleet.outcome = CommandStatus.TIMED_OUT;
        assertThat(speech(skill.invoke(envelope("lock"))))
                .isEqualTo("The car didn't confirm in time, so I've cancelled the command to lock the car.");
        fleet.outcome = CommandStatus.FAILED;
        fleet.reason = "ECU timeout";
        assertThat(speech(skill.invoke(envelope("lock"))))
                .isEqualTo("I couldn't lock the car: the car reported a fault (ECU timeout).");
    }

    @Test
    void noAccessTokenAsksToLinkTheAccountWithACard() {
        ResponseEnvelope response = skill.invoke(envelope("trunk-open-no-token"));

        assertThat(response.getResponse().getCard()).isInstanceOf(LinkAccountCard.class);
        assertThat(speech(response)).contains("link your fleet account");
        assertThat(fleet.submits).isEmpty();
    }

    @Test
    void anUnknownTokenAlsoAsksToLink() {
        ObjectNode json = Envelopes.json("trunk-open");
        ((ObjectNode) json.at("/context/System/user")).put("accessToken", "revoked");

        assertThat(skill.invoke(envelope(json)).getResponse().getCard()).isInstanceOf(LinkAccountCard.class);
    }

    @Test
    void severalCarsAndNoDefaultAsksWhichOneByElicitingTheVehicleSlot() {
        ObjectNode json = Envelopes.json("trunk-open");
        ((ObjectNode) json.at("/context/System/user")).put("accessToken", "bob-token");

        ResponseEnvelope response = skill.invoke(envelope(json));

        assertThat(speech(response)).isEqualTo("Which car: demo car 1 or demo car 2?");
        assertThat(response.getResponse().getShouldEndSession()).isFalse();
        assertThat(response.getResponse().getDirectives()).singleElement()
                .isInstanceOfSatisfying(ElicitSlotDirective.class, d -> {
                    assertThat(d.getSlotToElicit()).isEqualTo("vehicle");
                    assertThat(d.getUpdatedIntent().getName()).isEqualTo("TrunkIntent");
                });
        assertThat(fleet.submits).isEmpty();
    }

    @Test
    void theAnswerToWhichCarCommandsThatCar() {
        ObjectNode json = Envelopes.withPin(Envelopes.json("trunk-open-second-car"), "1234");
        ((ObjectNode) json.at("/context/System/user")).put("accessToken", "bob-token");

        assertThat(speech(skill.invoke(envelope(json)))).isEqualTo("Your trunk is open.");
        assertThat(fleet.submits).singleElement().extracting(FakeFleet.Submit::vehicle).isEqualTo("demo-car-2");
    }

    @Test
    void theDefaultVehicleIsUsedWhenNoneIsNamed() {
        fleet.tokens.put("carol-token", new User(3, "carol", User.Role.OWNER, List.of("van-7", "demo-car-1"),
                Optional.of("van-7")));
        ObjectNode json = Envelopes.json("lock");
        ((ObjectNode) json.at("/context/System/user")).put("accessToken", "carol-token");

        assertThat(speech(skill.invoke(envelope(json)))).isEqualTo("Your car is locked.");
        assertThat(fleet.submits).singleElement().extracting(FakeFleet.Submit::vehicle).isEqualTo("van-7");
    }

    @Test
    void aMissingDoorIsAskedFor() {
        ResponseEnvelope response = skill.invoke(envelope("door-open-no-door"));

        assertThat(speech(response)).isEqualTo("Which door: front left, front right, rear left or rear right?");
        assertThat(response.getResponse().getDirectives()).singleElement()
                .isInstanceOfSatisfying(ElicitSlotDirective.class,
                        d -> assertThat(d.getSlotToElicit()).isEqualTo("door"));
    }

    @Test
    void anOutOfRangeTemperatureIsExplainedAndNothingIsSent() {
        ObjectNode json = Envelopes.json("set-temperature-en-GB");
        ((ObjectNode) json.at("/request/intent/slots/temperature")).put("value", "45");

        assertThat(speech(skill.invoke(envelope(json)))).isEqualTo("I can set the temperature from 16 to 30 degrees.");
        assertThat(fleet.submits).isEmpty();
    }

    @Test
    void statusQuestionsAnswerFromTheReportedState() throws Exception {
        fleet.report("demo-car-1", "{\"lock\":\"locked\",\"trunk\":\"open\",\"climate\":{\"on\":true,\"target\":21.5},"
                + "\"doors\":{\"fl\":\"closed\",\"rr\":\"open\"},\"windows\":{\"fl\":30,\"fr\":0}}");

        assertThat(speech(skill.invoke(envelope("lock-status")))).isEqualTo("Your car is locked.");
        assertThat(speech(skill.invoke(envelope("trunk-status")))).isEqualTo("Your trunk is open.");
        assertThat(speech(skill.invoke(envelope("temperature-status"))))
                .isEqualTo("The climate control is on and set to 21.5 degrees.");
        assertThat(speech(skill.invoke(envelope("car-status"))))
                .isEqualTo("Your car is locked. Open: the front left window, the rear right door and the trunk.");
        assertThat(fleet.submits).isEmpty();
    }

    @Test
    void statusOfAnOfflineOrSilentCarSaysSo() throws Exception {
        assertThat(speech(skill.invoke(envelope("lock-status")))).isEqualTo("Your car hasn't reported that yet.");
        fleet.report("demo-car-1", "{\"lock\":\"unlocked\"}");
        fleet.online = false;
        assertThat(speech(skill.invoke(envelope("lock-status"))))
                .isEqualTo("Your car is offline, so this is what it last reported. Your car is unlocked.");
    }

    @Test
    void launchHelpAndFallbackKeepTheSessionOpenStopAndCancelEndIt() {
        assertThat(skill.invoke(envelope("launch")).getResponse().getShouldEndSession()).isFalse();
        assertThat(speech(skill.invoke(envelope("launch")))).startsWith("Welcome to Genie.");
        for (String open : List.of("amazon-help", "amazon-fallback", "amazon-navigatehome")) {
            ResponseEnvelope response = skill.invoke(envelope(open));
            assertThat(response.getResponse().getShouldEndSession()).as(open).isFalse();
            assertThat(response.getResponse().getReprompt()).as(open).isNotNull();
        }
        assertThat(speech(skill.invoke(envelope("amazon-fallback")))).startsWith("Sorry, Genie can't help with that.");
        for (String end : List.of("amazon-stop", "amazon-cancel")) {
            ResponseEnvelope response = skill.invoke(envelope(end));
            assertThat(speech(response)).isEqualTo("Goodbye.");
            assertThat(response.getResponse().getShouldEndSession()).isTrue();
        }
    }

    @Test
    void anIntentOutsideTheModelIsDeclinedPolitely() {
        ObjectNode json = Envelopes.json("amazon-help");
        ((ObjectNode) json.at("/request/intent")).put("name", "AMAZON.PauseIntent");

        assertThat(speech(skill.invoke(envelope(json)))).isEqualTo(ConversationHandlers.UNSUPPORTED);
    }

    @Test
    void sessionEndedGetsAnEmptyResponse() {
        ResponseEnvelope response = skill.invoke(envelope("session-ended"));

        assertThat(response.getResponse().getOutputSpeech()).isNull();
    }

    @Test
    void failuresOfTheVehiclesServiceAreSpokenNotThrown() {
        fleet.failure = new VehicleNotFoundException("gone");
        assertThat(speech(skill.invoke(envelope("lock")))).isEqualTo(VehicleIntentHandler.NOT_FOUND);
        fleet.failure = new InvalidCommandException("lock must be one of locked, unlocked");
        assertThat(speech(skill.invoke(envelope("lock")))).isEqualTo("Sorry, your car can't do that.");
        fleet.failure = new IllegalStateException("database down");
        assertThat(speech(skill.invoke(envelope("lock")))).isEqualTo(VehicleIntentHandler.UNAVAILABLE);
    }
}
