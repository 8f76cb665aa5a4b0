package io.fleet.cloud.alexa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stand-in for Alexa's language understanding, for {@code fleet alexa}: matches an utterance against the
 * interaction model's sample utterances, where a slot matches a value or synonym of its custom type, a number for
 * {@code AMAZON.NUMBER}, or any words for the free-form {@code VehicleName}. Of several matching samples the one
 * with the most literal text wins. An unmatched utterance is {@code AMAZON.FallbackIntent}, as with Alexa.
 */
final class UtteranceResolver {

    static final String LAUNCH = "LaunchRequest";
    private static final Pattern SLOT = Pattern.compile("\\{([^}]+)}");
    private static final Map<String, String> BUILT_IN_PHRASES = Map.of("help", "AMAZON.HelpIntent",
            "what can you do", "AMAZON.HelpIntent", "stop", "AMAZON.StopIntent", "cancel", "AMAZON.CancelIntent",
            "never mind", "AMAZON.CancelIntent", "go home", "AMAZON.NavigateHomeIntent");
    private static final Pattern INVOCATION = Pattern.compile(
            "^(alexa )?((ask|tell|open|launch|start) )?genie( (to|whether|if))?( |$)");

    /** A resolved slot: what was said and, for custom types, the value it matched. */
    record ResolvedSlot(String name, String type, String spoken, Optional<InteractionModel.SlotValue> value) {
    }

    /** {@code intent} is an intent name or {@link #LAUNCH}; slots in the intent's declaration order, filled only. */
    record Resolution(String intent, List<ResolvedSlot> slots) {
    }

    private record Sample(InteractionModel.ModelIntent intent, String text, Pattern pattern, List<String> slotNames,
                          int literalLength) {
    }

    private final InteractionModel model;
    private final List<Sample> samples = new ArrayList<>();

    UtteranceResolver(InteractionModel model) {
        this.model = model;
        for (InteractionModel.ModelIntent intent : model.intents()) {
            for (String text : intent.samples()) {
                samples.add(compile(intent, text));
            }
        }
    }

    private static Sample compile(InteractionModel.ModelIntent intent, String text) {
        StringBuilder regex = new StringBuilder("^");
        List<String> slotNames = new ArrayList<>();
        Matcher m = SLOT.matcher(text);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(last, m.start()))).append("(.+?)");
            slotNames.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(text.substring(last))).append("$");
        int literal = SLOT.matcher(text).replaceAll("").replace(" ", "").length();
        return new Sample(intent, text, Pattern.compile(regex.toString()), slotNames, literal);
    }

    Resolution resolve(String utterance) {
        String text = normalize(utterance);
        Matcher invocation = INVOCATION.matcher(text);
        if (invocation.find()) {
            text = text.substring(invocation.end()).trim();
        }
        if (text.isEmpty()) {
            return new Resolution(LAUNCH, List.of());
        }
        if (BUILT_IN_PHRASES.containsKey(text)) {
            return new Resolution(BUILT_IN_PHRASES.get(text), List.of());
        }
        Resolution best = null;
        int bestScore = -1;
        for (Sample sample : samples) {
            if (sample.literalLength() <= bestScore) {
                continue;
            }
            Matcher m = sample.pattern().matcher(text);
            if (m.matches()) {
                Optional<Resolution> resolution = slots(sample, m);
                if (resolution.isPresent()) {
                    best = resolution.get();
                    bestScore = sample.literalLength();
                }
            }
        }
        return best != null ? best : new Resolution("AMAZON.FallbackIntent", List.of());
    }

    private Optional<Resolution> slots(Sample sample, Matcher m) {
        Map<String, ResolvedSlot> filled = new LinkedHashMap<>();
        for (int i = 0; i < sample.slotNames().size(); i++) {
            String name = sample.slotNames().get(i);
            String type = sample.intent().slots().get(name);
            String spoken = m.group(i + 1).trim();
            if ("AMAZON.NUMBER".equals(type)) {
                Optional<String> number = SpokenNumbers.parse(spoken);
                if (number.isEmpty()) {
                    return Optional.empty();
                }
                filled.put(name, new ResolvedSlot(name, type, number.get(), Optional.empty()));
            } else if ("VehicleName".equals(type)) {
                filled.put(name, new ResolvedSlot(name, type, spoken, Optional.empty()));
            } else {
                InteractionModel.SlotType slotType = model.types().get(type);
                Optional<InteractionModel.SlotValue> value = slotType != null ? slotType.match(spoken)
                        : Optional.empty();
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                filled.put(name, new ResolvedSlot(name, type, spoken, value));
            }
        }
        List<ResolvedSlot> ordered = new ArrayList<>();
        sample.intent().slots().keySet().forEach(n -> {
            if (filled.containsKey(n)) {
                ordered.add(filled.get(n));
            }
        });
        return Optional.of(new Resolution(sample.intent().name(), ordered));
    }

    /** Lower case, words separated by single spaces, punctuation other than apostrophes and decimal points gone. */
    static String normalize(String utterance) {
        return utterance.toLowerCase(Locale.ROOT).replaceAll("(?<!\\d)\\.|\\.(?!\\d)", " ")
                .replaceAll("[^a-z0-9'. ]", " ").replaceAll("\\s+", " ").trim();
    }
}
