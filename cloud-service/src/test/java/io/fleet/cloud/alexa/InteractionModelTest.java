package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The interaction models and the handlers share one list of intents ({@link AlexaIntent}). */
class InteractionModelTest {

    private static final Pattern SLOT_REFERENCE = Pattern.compile("\\{([^}]+)}");

    static List<String> locales() {
        return InteractionModel.LOCALES;
    }

    @ParameterizedTest
    @MethodSource("locales")
    void everyIntentOfTheModelHasAHandlerAndEveryHandledIntentIsInTheModel(String locale) {
        InteractionModel model = InteractionModel.load(locale);

        Set<String> inModel = model.intents().stream().map(InteractionModel.ModelIntent::name)
                .collect(Collectors.toSet());
        Set<String> handled = Arrays.stream(AlexaIntent.values()).map(AlexaIntent::intentName)
                .collect(Collectors.toSet());
        assertThat(inModel).containsExactlyInAnyOrderElementsOf(handled);
        assertThat(model.invocationName()).isEqualTo("genie");
    }

    @ParameterizedTest
    @MethodSource("locales")
    void commandAndStatusIntentsHaveSamplesAndAVehicleSlotAndUseOnlyDeclaredSlotsAndTypes(String locale) {
        InteractionModel model = InteractionModel.load(locale);
        Set<String> allSamples = new HashSet<>();
        for (InteractionModel.ModelIntent intent : model.intents()) {
            AlexaIntent known = AlexaIntent.byName(intent.name()).orElseThrow();
            if (known.kind() != AlexaIntent.Kind.BUILT_IN) {
                assertThat(intent.samples()).as(intent.name()).isNotEmpty();
                assertThat(intent.slots()).as(intent.name()).containsEntry("vehicle", "VehicleName");
            }
            for (String sample : intent.samples()) {
                assertThat(allSamples.add(sample)).as("sample used twice: " + sample).isTrue();
                assertThat(sample).as(sample).matches("[a-z0-9' {}.]+");
                Matcher m = SLOT_REFERENCE.matcher(sample);
                while (m.find()) {
                    assertThat(intent.slots()).as(intent.name() + ": " + sample).containsKey(m.group(1));
                }
            }
            intent.slots().values().stream().filter(t -> !t.startsWith("AMAZON."))
                    .forEach(t -> assertThat(model.types()).as(intent.name()).containsKey(t));
        }
    }

    @ParameterizedTest
    @MethodSource("locales")
    void slotValueIdsAreTheVocabularysValues(String locale) {
        InteractionModel model = InteractionModel.load(locale);

        assertThat(ids(model, "DoorPosition")).containsExactlyInAnyOrder("fl", "fr", "rl", "rr");
        assertThat(ids(model, "OpenCloseAction")).containsExactlyInAnyOrder("open", "closed");
        assertThat(ids(model, "WindowAction")).containsExactlyInAnyOrder("open", "closed");
        assertThat(ids(model, "HeadlightMode")).containsExactlyInAnyOrder("on", "off", "auto");
        assertThat(ids(model, "OnOff")).containsExactlyInAnyOrder("on", "off");
    }

    @ParameterizedTest
    @MethodSource("locales")
    void theDriversDoorIsOnTheLocalSide(String locale) {
        InteractionModel model = InteractionModel.load(locale);

        String driver = model.types().get("DoorPosition").match("driver's").orElseThrow().id();
        assertThat(driver).isEqualTo("en-US".equals(locale) ? "fl" : "fr");
    }

    @ParameterizedTest
    @MethodSource("locales")
    void unlockAndOpenIntentsHaveAPinSlotThatAlexaElicitsAndNeverReadsBack(String locale) {
        InteractionModel model = InteractionModel.load(locale);

        for (AlexaIntent guarded : List.of(AlexaIntent.UNLOCK, AlexaIntent.TRUNK, AlexaIntent.DOOR,
                AlexaIntent.WINDOW)) {
            InteractionModel.ModelIntent intent = model.intent(guarded.intentName()).orElseThrow();
            assertThat(intent.slots()).as(intent.name()).containsEntry("pin", "AMAZON.FOUR_DIGIT_NUMBER");
            InteractionModel.DialogSlot pin = intent.dialog().get("pin");
            assertThat(pin).as(intent.name()).isNotNull();
            assertThat(pin.elicitationRequired()).as(intent.name()).isTrue();
            assertThat(pin.confirmationRequired()).as(intent.name() + ": a confirmation would speak the PIN aloud")
                    .isFalse();
            assertThat(intent.elicitation("pin")).as(intent.name()).contains("What is your voice PIN?");
        }
        for (AlexaIntent free : List.of(AlexaIntent.LOCK, AlexaIntent.LOCK_STATUS, AlexaIntent.TRUNK_STATUS,
                AlexaIntent.CAR_STATUS, AlexaIntent.CLIMATE, AlexaIntent.HEADLIGHTS)) {
            assertThat(model.intent(free.intentName()).orElseThrow().slots()).as(free.intentName())
                    .doesNotContainKey("pin");
        }
    }

    /**
     * What the Alexa developer console checks on import: every slot of every intent is in its dialog model, and a
     * slot that must be elicited has an elicitation prompt that exists; the skill decides about each elicitation
     * itself ({@code SKILL_RESPONSE}), so closing the trunk is never held up by a PIN question.
     */
    @ParameterizedTest
    @MethodSource("locales")
    void theDialogModelIsCompleteForAConsoleImport(String locale) throws Exception {
        JsonNode root = new ObjectMapper().readTree(InteractionModel.class.getResourceAsStream(
                "/skill-package/interactionModels/custom/" + locale + ".json"));
        JsonNode dialog = root.at("/interactionModel/dialog");
        assertThat(dialog.path("delegationStrategy").asText()).isEqualTo("SKILL_RESPONSE");
        Set<String> promptIds = new HashSet<>();
        root.at("/interactionModel/prompts").forEach(p -> promptIds.add(p.path("id").asText()));
        InteractionModel model = InteractionModel.load(locale);
        for (InteractionModel.ModelIntent intent : model.intents()) {
            if (intent.slots().isEmpty()) {
                continue;
            }
            assertThat(intent.dialog().keySet()).as(intent.name()).containsExactlyInAnyOrderElementsOf(
                    intent.slots().keySet());
        }
        for (JsonNode intent : dialog.path("intents")) {
            for (JsonNode slot : intent.path("slots")) {
                String prompt = slot.at("/prompts/elicitation").asText(null);
                if (slot.path("elicitationRequired").asBoolean()) {
                    assertThat(promptIds).as(intent.path("name") + "." + slot.path("name")).contains(prompt);
                }
            }
        }
    }

    private static List<String> ids(InteractionModel model, String type) {
        return model.types().get(type).values().stream().map(InteractionModel.SlotValue::id).toList();
    }
}
