package io.fleet.cloud.alexa;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which of the user's vehicles an intent means: the one named in the vehicle slot, else the user's default, else
 * the only one; with several and no default the skill asks. Spoken names match vehicle ids loosely:
 * "demo car one" is {@code demo-car-1}.
 */
sealed interface VehicleChoice {

    record Chosen(String vehicle) implements VehicleChoice {
    }

    record Ask(String question) implements VehicleChoice {
    }

    record NoVehicle(String speech) implements VehicleChoice {
    }

    Map<String, String> NUMBER_WORDS = Map.ofEntries(Map.entry("zero", "0"), Map.entry("one", "1"),
            Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"),
            Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"),
            Map.entry("ten", "10"), Map.entry("first", "1"), Map.entry("second", "2"), Map.entry("third", "3"));

    static VehicleChoice choose(List<String> vehicles, Optional<String> defaultVehicle, Optional<String> spoken) {
        if (vehicles.isEmpty()) {
            return new NoVehicle("I can't find a car on your account. Add one in the fleet app first.");
        }
        if (spoken.isPresent()) {
            String wanted = normalize(spoken.get());
            List<String> matches = vehicles.stream().filter(v -> normalize(v).equals(wanted)).toList();
            if (matches.isEmpty()) {
                matches = vehicles.stream().filter(v -> !wanted.isEmpty() && normalize(v).contains(wanted)).toList();
            }
            if (matches.size() == 1) {
                return new Chosen(matches.get(0));
            }
            return new Ask("I couldn't find a car called " + spoken.get() + ". " + which(vehicles));
        }
        if (defaultVehicle.isPresent() && vehicles.contains(defaultVehicle.get())) {
            return new Chosen(defaultVehicle.get());
        }
        if (vehicles.size() == 1) {
            return new Chosen(vehicles.get(0));
        }
        return new Ask(which(vehicles));
    }

    static String which(List<String> vehicles) {
        List<String> names = vehicles.stream().map(VehicleChoice::speakable).collect(Collectors.toList());
        String last = names.remove(names.size() - 1);
        return "Which car: " + String.join(", ", names) + " or " + last + "?";
    }

    /** {@code demo-car-1 -> "demo car 1"}. */
    static String speakable(String vehicle) {
        return vehicle.replaceAll("[-_:]+", " ").trim();
    }

    /** Lower case letters and digits only, number words as digits, without "my" and "the". */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.isEmpty() || "my".equals(word) || "the".equals(word)) {
                continue;
            }
            out.append(NUMBER_WORDS.getOrDefault(word, word));
        }
        return out.toString();
    }
}
