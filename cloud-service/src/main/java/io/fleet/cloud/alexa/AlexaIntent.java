package io.fleet.cloud.alexa;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every intent the skill handles: the one list of intent names that the interaction models in
 * {@code skill-package/interactionModels/custom/} and the handlers share ({@code InteractionModelTest} checks both
 * directions for every locale).
 */
public enum AlexaIntent {
    DOOR("DoorIntent", Kind.COMMAND),
    LOCK("LockIntent", Kind.COMMAND),
    UNLOCK("UnlockIntent", Kind.COMMAND),
    WINDOW("WindowIntent", Kind.COMMAND),
    TRUNK("TrunkIntent", Kind.COMMAND),
    HEADLIGHTS("HeadlightsIntent", Kind.COMMAND),
    CLIMATE("ClimateIntent", Kind.COMMAND),
    SET_TEMPERATURE("SetTemperatureIntent", Kind.COMMAND),
    LOCK_STATUS("LockStatusIntent", Kind.STATUS),
    TRUNK_STATUS("TrunkStatusIntent", Kind.STATUS),
    TEMPERATURE_STATUS("TemperatureStatusIntent", Kind.STATUS),
    CAR_STATUS("CarStatusIntent", Kind.STATUS),
    HELP("AMAZON.HelpIntent", Kind.BUILT_IN),
    STOP("AMAZON.StopIntent", Kind.BUILT_IN),
    CANCEL("AMAZON.CancelIntent", Kind.BUILT_IN),
    NAVIGATE_HOME("AMAZON.NavigateHomeIntent", Kind.BUILT_IN),
    FALLBACK("AMAZON.FallbackIntent", Kind.BUILT_IN);

    /** Slot names the models use; the vehicle slot is on every command and status intent. */
    public static final String VEHICLE_SLOT = "vehicle";

    public enum Kind { COMMAND, STATUS, BUILT_IN }

    private final String intentName;
    private final Kind kind;

    AlexaIntent(String intentName, Kind kind) {
        this.intentName = intentName;
        this.kind = kind;
    }

    public String intentName() {
        return intentName;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<AlexaIntent> byName(String intentName) {
        return Arrays.stream(values()).filter(i -> i.intentName.equals(intentName)).findFirst();
    }
}
