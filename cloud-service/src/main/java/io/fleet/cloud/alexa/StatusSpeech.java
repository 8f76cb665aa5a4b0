package io.fleet.cloud.alexa;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.vehicles.VehicleView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers to the status questions, from what the car last reported (never from what was asked of it). */
final class StatusSpeech {

    private static final String NOT_REPORTED = "Your car hasn't reported that yet.";
    static final String OFFLINE = "Your car is offline, so this is what it last reported. ";

    private StatusSpeech() {
    }

    static String of(AlexaIntent intent, VehicleView view, String locale) {
        String trunk = "en-US".equals(locale) ? "trunk" : "boot";
        // Every intent is named (no default), so a new one does not compile until it is sorted in.
        String sentence = switch (intent) {
            case LOCK_STATUS -> text(view, "lock").map(v -> "Your car is " + v + ".").orElse(null);
            case TRUNK_STATUS -> text(view, "trunk").map(v -> "Your " + trunk + " is " + v + ".").orElse(null);
            case TEMPERATURE_STATUS -> climate(view);
            case CAR_STATUS -> summary(view, trunk);
            case DOOR, LOCK, UNLOCK, WINDOW, TRUNK, HEADLIGHTS, CLIMATE, SET_TEMPERATURE, HELP, STOP, CANCEL,
                    NAVIGATE_HOME, FALLBACK -> throw new IllegalArgumentException(intent + " is not a status intent");
        };
        if (sentence == null) {
            return NOT_REPORTED;
        }
        return view.online() ? sentence : OFFLINE + sentence;
    }

    private static String climate(VehicleView view) {
        Optional<JsonNode> target = view.reported("climate.target");
        Optional<JsonNode> on = view.reported("climate.on");
        if (target.isEmpty() && on.isEmpty()) {
            return null;
        }
        String degrees = target.map(t -> IntentCommands.number(t.asDouble()) + " degrees").orElse(null);
        if (on.isEmpty()) {
            return "The climate control is set to " + degrees + ".";
        }
        String state = on.get().asBoolean() ? "on" : "off";
        return degrees == null ? "The climate control is " + state + "."
                : "The climate control is " + state + " and set to " + degrees + ".";
    }

    private static String summary(VehicleView view, String trunk) {
        if (view.reported("lock").isEmpty()) {
            return null;
        }
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, String> p : IntentCommands.POSITIONS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            if (text(view, "doors." + p.getKey()).filter("open"::equals).isPresent()) {
                open.add("the " + p.getValue() + " door");
            }
            if (view.reported("windows." + p.getKey()).filter(w -> w.asInt() > 0).isPresent()) {
                open.add("the " + p.getValue() + " window");
            }
        }
        if (text(view, "trunk").filter("open"::equals).isPresent()) {
            open.add("the " + trunk);
        }
        String lock = "Your car is " + text(view, "lock").orElseThrow() + ".";
        if (open.isEmpty()) {
            return lock + " Everything is closed.";
        }
        return lock + " Open: " + join(open) + ".";
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static Optional<String> text(VehicleView view, String path) {
        return view.reported(path).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }
}
