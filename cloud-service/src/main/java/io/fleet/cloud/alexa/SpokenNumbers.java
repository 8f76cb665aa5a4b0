package io.fleet.cloud.alexa;

import java.util.Map;
import java.util.Optional;

/** What Alexa's {@code AMAZON.NUMBER} does for the CLI: "21", "21.5" or "twenty one" to a number. */
final class SpokenNumbers {

    private static final Map<String, Integer> UNITS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);

    private SpokenNumbers() {
    }

    /** The number as Alexa would put it in the slot ("21", "21.5"), or empty. */
    static Optional<String> parse(String spoken) {
        String s = spoken.trim();
        if (s.matches("-?\\d+(\\.\\d+)?")) {
            return Optional.of(s);
        }
        if ("a hundred".equals(s) || "one hundred".equals(s) || "hundred".equals(s)) {
            return Optional.of("100");
        }
        String[] words = s.split("[ -]+");
        if (words.length == 1) {
            Integer unit = UNITS.get(words[0]);
            Integer tens = TENS.get(words[0]);
            return Optional.ofNullable(unit != null ? unit : tens).map(String::valueOf);
        }
        if (words.length == 2 && TENS.containsKey(words[0]) && UNITS.containsKey(words[1])
                && UNITS.get(words[1]) > 0 && UNITS.get(words[1]) < 10) {
            return Optional.of(String.valueOf(TENS.get(words[0]) + UNITS.get(words[1])));
        }
        return Optional.empty();
    }
}
