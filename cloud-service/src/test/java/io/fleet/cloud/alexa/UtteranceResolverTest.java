package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtteranceResolverTest {

    private static final UtteranceResolver US = new UtteranceResolver(InteractionModel.load("en-US"));
    private static final UtteranceResolver GB = new UtteranceResolver(InteractionModel.load("en-GB"));

    /** Slots as "name=id" (custom types) or "name=value" (numbers, vehicle names), sorted by name. */
    private static String slots(UtteranceResolver.Resolution r) {
        return r.slots().stream().map(s -> s.name() + "=" + s.value().map(InteractionModel.SlotValue::id)
                .orElse(s.spoken())).sorted().collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "open my trunk                                 | TrunkIntent             | action=open",
        "Alexa, ask genie to open my trunk.            | TrunkIntent             | action=open",
        "pop the trunk                                 | TrunkIntent             | action=open",
        "shut the trunk                                | TrunkIntent             | action=closed",
        "open the trunk of demo car two                | TrunkIntent             | action=open vehicle=demo car two",
        "lock my car                                   | LockIntent              | ''",
        "unlock the doors                              | UnlockIntent            | ''",
        "open the driver's door                        | DoorIntent              | action=open door=fl",
        "close the rear right door                     | DoorIntent              | action=closed door=rr",
        "roll down the back left window                | WindowIntent            | action=open window=rl",
        "put the passenger window up                   | WindowIntent            | action=closed window=fr",
        "open the front left window 40 percent         | WindowIntent            | action=open percent=40 window=fl",
        "set the front right window to thirty percent  | WindowIntent            | percent=30 window=fr",
        "turn on the headlights                        | HeadlightsIntent        | mode=on",
        "set the headlights to automatic               | HeadlightsIntent        | mode=auto",
        "turn the air conditioning on                  | ClimateIntent           | state=on",
        "start the climate control                     | ClimateIntent           | state=on",
        "set the temperature to 21 degrees             | SetTemperatureIntent    | temperature=21",
        "set the temperature to twenty two degrees     | SetTemperatureIntent    | temperature=22",
        "set the temperature to 21.5                   | SetTemperatureIntent    | temperature=21.5",
        "ask genie is my car locked                    | LockStatusIntent        | ''",
        "what's the temperature in my car              | TemperatureStatusIntent | ''",
        "is my trunk open                              | TrunkStatusIntent       | ''",
        "how is my car                                 | CarStatusIntent         | ''",
        "help                                          | AMAZON.HelpIntent       | ''",
        "stop                                          | AMAZON.StopIntent       | ''",
        "order me a pizza                              | AMAZON.FallbackIntent   | ''",
        "open the glovebox                             | AMAZON.FallbackIntent   | ''",
        "open genie                                    | LaunchRequest           | ''",
    })
    void resolvesUtterancesOfTheUsModel(String utterance, String intent, String expectedSlots) {
        UtteranceResolver.Resolution r = US.resolve(utterance);

        assertThat(r.intent()).isEqualTo(intent);
        assertThat(slots(r)).isEqualTo(expectedSlots);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "open the boot            | TrunkIntent | action=open",
        "open the driver's door   | DoorIntent  | action=open door=fr",
    })
    void theBritishModelHasItsOwnWords(String utterance, String intent, String expectedSlots) {
        UtteranceResolver.Resolution r = GB.resolve(utterance);

        assertThat(r.intent() + " " + slots(r)).isEqualTo(intent + " " + expectedSlots);
    }

    @ParameterizedTest
    @CsvSource({"21,21", "twenty one,21", "thirty,30", "a hundred,100", "21.5,21.5"})
    void spokenNumbers(String spoken, String number) {
        assertThat(SpokenNumbers.parse(spoken)).contains(number);
    }
}
