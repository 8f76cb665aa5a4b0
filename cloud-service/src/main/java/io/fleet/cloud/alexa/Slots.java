package io.fleet.cloud.alexa;

import com.amazon.ask.model.Intent;
import com.amazon.ask.model.Slot;
import com.amazon.ask.model.slu.entityresolution.Resolution;
import com.amazon.ask.model.slu.entityresolution.StatusCode;
import com.amazon.ask.model.slu.entityresolution.ValueWrapper;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The filled slots of one intent request. A custom slot's canonical value is the id of the entity Alexa resolved
 * it to ({@code resolutions}, status {@code ER_SUCCESS_MATCH}); when a request carries no resolution, the spoken value
 * is matched against the slot type's values and synonyms in the interaction model instead.
 */
final class Slots {

    private final Map<String, Slot> slots;
    private final InteractionModel model;
    private final InteractionModel.ModelIntent modelIntent;

    Slots(Intent intent, InteractionModel model) {
        this.slots = intent.getSlots() != null ? intent.getSlots() : Map.of();
        this.model = model;
        this.modelIntent = model.intent(intent.getName()).orElse(null);
    }

    /** What the user said for {@code slot}, lower case, if anything. */
    Optional<String> spoken(String slot) {
        Slot s = slots.get(slot);
        if (s == null || s.getValue() == null || s.getValue().isBlank() || "?".equals(s.getValue())) {
            return Optional.empty();
        }
        return Optional.of(s.getValue().trim().toLowerCase(Locale.ROOT));
    }

    /** The canonical id of a custom slot's value; empty when unfilled or not a value of its type. */
    Optional<String> id(String slot) {
        Slot s = slots.get(slot);
        if (s == null) {
            return Optional.empty();
        }
        Optional<String> resolved = resolvedId(s);
        if (resolved.isPresent()) {
            return resolved;
        }
        String type = modelIntent != null ? modelIntent.slots().get(slot) : null;
        InteractionModel.SlotType slotType = type != null ? model.types().get(type) : null;
        return spoken(slot).flatMap(v -> slotType != null ? slotType.match(v).map(InteractionModel.SlotValue::id)
                : Optional.empty());
    }

    /** An {@code AMAZON.NUMBER} slot ("?" or words that are not a number count as unfilled). */
    Optional<Double> number(String slot) {
        return spoken(slot).flatMap(v -> {
            try {
                return Optional.of(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> resolvedId(Slot s) {
        if (s.getResolutions() == null || s.getResolutions().getResolutionsPerAuthority() == null) {
            return Optional.empty();
        }
        for (Resolution r : s.getResolutions().getResolutionsPerAuthority()) {
            if (r.getStatus() != null && r.getStatus().getCode() == StatusCode.ER_SUCCESS_MATCH
                    && r.getValues() != null && !r.getValues().isEmpty()) {
                ValueWrapper first = r.getValues().get(0);
                if (first.getValue() != null) {
                    String id = first.getValue().getId();
                    return Optional.ofNullable(id != null ? id : first.getValue().getName());
                }
            }
        }
        return Optional.empty();
    }
}
