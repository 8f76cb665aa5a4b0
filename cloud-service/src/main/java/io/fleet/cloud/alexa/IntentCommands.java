package io.fleet.cloud.alexa;

import java.util.Map;
import java.util.Optional;

/**
 * Turns a command intent and its slots into one shadow attribute and value of the vehicle vocabulary
 * ({@code io.fleet.model.vehicle.VehicleAttributes}), with the words to speak about it. The vocabulary's own
 * validation runs later in {@code Vehicles.submit}; this class only refuses what it can explain better by voice.
 */
final class IntentCommands {

    static final Map<String, String> POSITIONS = Map.of(
            "fl", "front left", "fr", "front right", "rl", "rear left", "rr", "rear right");
    private static final String WHICH_POSITION = "front left, front right, rear left or rear right?";
    static final double MIN_CELSIUS = 16;
    static final double MAX_CELSIUS = 30;

    private IntentCommands() {
    }

    /** Every intent is named here (no default), so a new one does not compile until it is sorted in. */
    static Interpretation interpret(AlexaIntent intent, Slots slots, String locale) {
        return switch (intent) {
            case DOOR -> door(slots);
            case LOCK -> new Interpretation.Action("lock", "locked",
                    new Wording("Your car is locked.", "lock the car"));
            case UNLOCK -> new Interpretation.Action("lock", "unlocked",
                    new Wording("Your car is unlocked.", "unlock the car"));
            case WINDOW -> window(slots);
            case TRUNK -> trunk(slots, locale);
            case HEADLIGHTS -> headlights(slots);
            case CLIMATE -> climate(slots);
            case SET_TEMPERATURE -> temperature(slots, locale);
            case LOCK_STATUS, TRUNK_STATUS, TEMPERATURE_STATUS, CAR_STATUS, HELP, STOP, CANCEL, NAVIGATE_HOME,
                    FALLBACK -> throw new IllegalArgumentException(intent + " is not a command intent");
        };
    }

    private static Interpretation door(Slots slots) {
        Optional<String> action = slots.id("action");
        if (action.isEmpty()) {
            return new Interpretation.Refuse("Sorry, I didn't catch whether to open or close the door.");
        }
        Optional<String> door = slots.id("door");
        if (door.isEmpty()) {
            return new Interpretation.Ask("door", "Which door: " + WHICH_POSITION);
        }
        String name = POSITIONS.get(door.get());
        boolean open = "open".equals(action.get());
        return new Interpretation.Action("doors." + door.get(), action.get(), new Wording(
                "The " + name + " door is " + (open ? "open." : "closed."),
                (open ? "open" : "close") + " the " + name + " door"));
    }

    private static Interpretation window(Slots slots) {
        Optional<String> action = slots.id("action");
        Optional<Double> percent = slots.number("percent");
        if (action.isEmpty() && percent.isEmpty()) {
            return new Interpretation.Refuse("Sorry, I didn't catch whether to open or close the window.");
        }
        Optional<String> window = slots.id("window");
        if (window.isEmpty()) {
            return new Interpretation.Ask("window", "Which window: " + WHICH_POSITION);
        }
        String name = POSITIONS.get(window.get());
        int value;
        if (percent.isPresent()) {
            double p = percent.get();
            if (p < 0 || p > 100 || p != Math.rint(p)) {
                return new Interpretation.Refuse("I can open a window from 0 to 100 percent.");
            }
            value = (int) p;
        } else {
            value = "open".equals(action.get()) ? 100 : 0;
        }
        String attribute = "windows." + window.get();
        if (value == 100) {
            return new Interpretation.Action(attribute, value,
                    new Wording("The " + name + " window is open.", "open the " + name + " window"));
        }
        if (value == 0) {
            return new Interpretation.Action(attribute, value,
                    new Wording("The " + name + " window is closed.", "close the " + name + " window"));
        }
        return new Interpretation.Action(attribute, value, new Wording(
                "The " + name + " window is " + value + " percent open.",
                "open the " + name + " window to " + value + " percent"));
    }

    private static Interpretation trunk(Slots slots, String locale) {
        String trunk = "en-US".equals(locale) ? "trunk" : "boot";
        Optional<String> action = slots.id("action");
        if (action.isEmpty()) {
            return new Interpretation.Refuse("Sorry, I didn't catch whether to open or close the " + trunk + ".");
        }
        boolean open = "open".equals(action.get());
        return new Interpretation.Action("trunk", action.get(), new Wording(
                "Your " + trunk + " is " + (open ? "open." : "closed."),
                (open ? "open" : "close") + " the " + trunk));
    }

    private static Interpretation headlights(Slots slots) {
        Optional<String> mode = slots.id("mode");
        if (mode.isEmpty()) {
            return new Interpretation.Refuse("You can turn the headlights on, off or to automatic.");
        }
        switch (mode.get()) {
            case "on":
                return new Interpretation.Action("headlights", "on",
                        new Wording("Your headlights are on.", "turn on the headlights"));
            case "off":
                return new Interpretation.Action("headlights", "off",
                        new Wording("Your headlights are off.", "turn off the headlights"));
            default:
                return new Interpretation.Action("headlights", "auto",
                        new Wording("Your headlights are on automatic.", "set the headlights to automatic"));
        }
    }

    private static Interpretation climate(Slots slots) {
        Optional<String> state = slots.id("state");
        if (state.isEmpty()) {
            return new Interpretation.Refuse("You can turn the climate control on or off.");
        }
        boolean on = "on".equals(state.get());
        return new Interpretation.Action("climate.on", on, new Wording(
                "The climate control is " + (on ? "on." : "off."),
                "turn " + (on ? "on" : "off") + " the climate control"));
    }

    /**
     * The car takes Celsius (16-30). In the US people say Fahrenheit: 61-86 there is taken as Fahrenheit and
     * converted to the nearest half degree Celsius; the answer repeats what the user said.
     */
    private static Interpretation temperature(Slots slots, String locale) {
        Optional<Double> spoken = slots.number("temperature");
        if (spoken.isEmpty()) {
            return new Interpretation.Ask("temperature", "What temperature would you like?");
        }
        double said = spoken.get();
        boolean fahrenheit = "en-US".equals(locale) && said >= 61 && said <= 86;
        double celsius = fahrenheit ? Math.round((said - 32) * 5 / 9 * 2) / 2.0 : said;
        if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
            return new Interpretation.Refuse("en-US".equals(locale)
                    ? "I can set the temperature from 61 to 86 degrees Fahrenheit, or 16 to 30 degrees Celsius."
                    : "I can set the temperature from 16 to 30 degrees.");
        }
        Object value = celsius == Math.rint(celsius) ? (Object) (int) celsius : (Object) celsius;
        String degrees = number(said) + " degrees";
        return new Interpretation.Action("climate.target", value,
                new Wording("The temperature is set to " + degrees + ".", "set the temperature to " + degrees));
    }

    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
