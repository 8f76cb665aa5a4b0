package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazon.ask.model.Intent;
import io.fleet.cloud.vehicles.VehicleView;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The intent switches name every intent (a new one does not compile until it is sorted in); these check that each
 * is sorted by its {@link AlexaIntent.Kind}: commands are interpreted, status intents spoken, nothing else.
 */
class IntentKindsTest {

    private static final InteractionModel US = InteractionModel.load("en-US");

    @ParameterizedTest
    @EnumSource(AlexaIntent.class)
    void exactlyTheCommandIntentsAreInterpretedAsCommands(AlexaIntent intent) {
        Slots none = new Slots(Intent.builder().withName(intent.intentName()).build(), US);
        if (intent.kind() == AlexaIntent.Kind.COMMAND) {
            assertThat(IntentCommands.interpret(intent, none, "en-US")).isNotNull();
        } else {
            assertThatThrownBy(() -> IntentCommands.interpret(intent, none, "en-US"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(intent + " is not a command intent");
        }
    }

    @ParameterizedTest
    @EnumSource(AlexaIntent.class)
    void exactlyTheStatusIntentsAreSpokenAsStatus(AlexaIntent intent) {
        VehicleView unreported = new VehicleView("car-1", true, Optional.empty(), Optional.empty());
        if (intent.kind() == AlexaIntent.Kind.STATUS) {
            assertThat(StatusSpeech.of(intent, unreported, "en-US")).isNotBlank();
        } else {
            assertThatThrownBy(() -> StatusSpeech.of(intent, unreported, "en-US"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(intent + " is not a status intent");
        }
    }
}
