package io.fleet.cloud.alexa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an ASK interaction model ({@code skill-package/interactionModels/custom/<locale>.json}, on the class
 * path under {@code skill-package/}) that the skill and {@code fleet alexa} use: intents with their slots, sample
 * utterances and dialog rules (which slot must be elicited, with which prompt), and the custom slot types with their
 * values and synonyms.
 */
public record InteractionModel(String locale, String invocationName, List<ModelIntent> intents,
                               Map<String, SlotType> types) {

    public static final List<String> LOCALES = List.of("en-US", "en-GB", "en-IN");

    public InteractionModel {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(invocationName, "invocationName");
        intents = List.copyOf(intents);
        types = Map.copyOf(types);
    }

    /**
     * One intent: slot name to slot type (in declaration order), the sample utterances and the dialog model's rule
     * for each slot it lists.
     */
    public record ModelIntent(String name, Map<String, String> slots, List<String> samples,
                              Map<String, DialogSlot> dialog) {
        public ModelIntent {
            slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
            samples = List.copyOf(samples);
            dialog = Map.copyOf(dialog);
        }

        /** The text of the prompt Alexa speaks to elicit {@code slot}, if the dialog model gives one. */
        public Optional<String> elicitation(String slot) {
            return Optional.ofNullable(dialog.get(slot)).flatMap(DialogSlot::elicitationPrompt);
        }
    }

    /** A slot's rule in the dialog model; {@code elicitationPrompt} is the first variation's text. */
    public record DialogSlot(String name, boolean elicitationRequired, boolean confirmationRequired,
                             Optional<String> elicitationPrompt) {
        public DialogSlot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(elicitationPrompt, "elicitationPrompt");
        }
    }

    /** A custom slot type; {@code id} is the canonical value the handlers act on. */
    public record SlotType(String name, List<SlotValue> values) {
        public SlotType {
            values = List.copyOf(values);
        }

        /** The value whose name or a synonym is {@code spoken} (case-insensitive), if any. */
        public Optional<SlotValue> match(String spoken) {
            String s = spoken.trim().toLowerCase(Locale.ROOT);
            return values.stream().filter(v -> v.name().equals(s) || v.synonyms().contains(s)).findFirst();
        }
    }

    public record SlotValue(String id, String name, List<String> synonyms) {
        public SlotValue {
            synonyms = List.copyOf(synonyms);
        }
    }

    public Optional<ModelIntent> intent(String name) {
        return intents.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** Loads the model of {@code locale} from the class path. */
    public static InteractionModel load(String locale) {
        String resource = "/skill-package/interactionModels/custom/" + locale + ".json";
        try (InputStream in = InteractionModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no interaction model for locale " + locale + " (" + resource + ")");
            }
            return parse(locale, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }

    static InteractionModel parse(String locale, JsonNode root) {
        JsonNode language = root.path("interactionModel").path("languageModel");
        Map<String, Map<String, DialogSlot>> dialogs = dialogs(root.path("interactionModel"));
        List<ModelIntent> intents = new ArrayList<>();
        for (JsonNode intent : language.path("intents")) {
            Map<String, String> slots = new LinkedHashMap<>();
            intent.path("slots").forEach(s -> slots.put(s.path("name").asText(), s.path("type").asText()));
            List<String> samples = new ArrayList<>();
            intent.path("samples").forEach(s -> samples.add(s.asText()));
            String name = intent.path("name").asText();
            intents.add(new ModelIntent(name, slots, samples, dialogs.getOrDefault(name, Map.of())));
        }
        Map<String, SlotType> types = new LinkedHashMap<>();
        for (JsonNode type : language.path("types")) {
            List<SlotValue> values = new ArrayList<>();
            for (JsonNode v : type.path("values")) {
                String name = v.path("name").path("value").asText().toLowerCase(Locale.ROOT);
                List<String> synonyms = new ArrayList<>();
                v.path("name").path("synonyms").forEach(s -> synonyms.add(s.asText().toLowerCase(Locale.ROOT)));
                String id = v.path("id").asText(name);
                values.add(new SlotValue(id.isEmpty() ? name : id, name, synonyms));
            }
            types.put(type.path("name").asText(), new SlotType(type.path("name").asText(), values));
        }
        return new InteractionModel(locale, language.path("invocationName").asText(), intents, types);
    }

    /** Intent name to its dialog slots, with prompt ids replaced by the prompts' first text. */
    private static Map<String, Map<String, DialogSlot>> dialogs(JsonNode interactionModel) {
        Map<String, String> prompts = new LinkedHashMap<>();
        interactionModel.path("prompts").forEach(p -> prompts.put(p.path("id").asText(),
                p.path("variations").path(0).path("value").asText()));
        Map<String, Map<String, DialogSlot>> dialogs = new LinkedHashMap<>();
        for (JsonNode intent : interactionModel.path("dialog").path("intents")) {
            Map<String, DialogSlot> slots = new LinkedHashMap<>();
            for (JsonNode slot : intent.path("slots")) {
                String prompt = slot.path("prompts").path("elicitation").asText(null);
                slots.put(slot.path("name").asText(), new DialogSlot(slot.path("name").asText(),
                        slot.path("elicitationRequired").asBoolean(), slot.path("confirmationRequired").asBoolean(),
                        Optional.ofNullable(prompt).map(prompts::get)));
            }
            dialogs.put(intent.path("name").asText(), slots);
        }
        return dialogs;
    }
}
