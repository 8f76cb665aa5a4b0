package io.fleet.agent.ecu.can;

import io.fleet.model.can.dbc.SignalValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a shadow leaf's value ({@code "open"}, {@code 50}, {@code true}) becomes a signal value for
 * {@link io.fleet.model.can.dbc.DbcMessage#encode} (a value-table label or a physical number) and back.
 */
public sealed interface ValueMapping permits ValueMapping.Labels, ValueMapping.Numeric, ValueMapping.Constant {

    /**
     * The signal value for a shadow value: a label String or a Number.
     *
     * @throws IllegalArgumentException when the shadow value has no signal value
     */
    Object toSignal(Object shadowValue);

    /** The shadow value a decoded signal stands for; empty when it carries no state ("SNA", "NoAction"). */
    Optional<Object> toShadow(SignalValue value);

    /** Shadow values and value-table labels in pairs: {@code labels("open", "Open", "closed", "Close")}. */
    static Labels labels(Object... shadowThenLabel) {
        Map<Object, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < shadowThenLabel.length; i += 2) {
            map.put(shadowThenLabel[i], (String) shadowThenLabel[i + 1]);
        }
        return new Labels(map);
    }

    /** An enumerated leaf: each shadow value has one label of the signal's value table. */
    record Labels(Map<Object, String> labelByShadowValue) implements ValueMapping {

        public Labels {
            labelByShadowValue = Map.copyOf(labelByShadowValue);
        }

        @Override
        public Object toSignal(Object shadowValue) {
            String label = labelByShadowValue.get(shadowValue);
            if (label == null) {
                throw new IllegalArgumentException("no signal value for " + shadowValue + " (known: "
                        + labelByShadowValue.keySet() + ")");
            }
            return label;
        }

        @Override
        public Optional<Object> toShadow(SignalValue value) {
            Optional<String> label = value.label();
            if (label.isEmpty()) {
                return Optional.empty();
            }
            return labelByShadowValue.entrySet().stream().filter(e -> e.getValue().equals(label.get()))
                    .map(e -> (Object) e.getKey()).findFirst();
        }
    }

    /**
     * A numeric leaf: the physical value itself, rounded for the shadow. A raw value that has a value-table label
     * ("SNA", "NoChange") is a marker, not a number, and carries no state.
     */
    record Numeric(Rounding rounding) implements ValueMapping {

        public Numeric {
            Objects.requireNonNull(rounding, "rounding");
        }

        @Override
        public Object toSignal(Object shadowValue) {
            if (!(shadowValue instanceof Number number)) {
                throw new IllegalArgumentException("expected a number, got " + shadowValue);
            }
            return number.doubleValue();
        }

        @Override
        public Optional<Object> toShadow(SignalValue value) {
            return value.label().isPresent() ? Optional.empty() : Optional.of(rounding.apply(value.physical()));
        }
    }

    /**
     * A momentary request ({@code horn_flash}: {@code true} or any token) that always sends the same label; a
     * received signal with that label decodes to {@code true} (what the ECU side sees).
     */
    record Constant(String label) implements ValueMapping {

        public Constant {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Object toSignal(Object shadowValue) {
            return label;
        }

        @Override
        public Optional<Object> toShadow(SignalValue value) {
            return value.label().filter(label::equals).map(l -> (Object) Boolean.TRUE);
        }
    }

    /** How a physical value is shown in the shadow. */
    enum Rounding {
        /** Nearest whole number, as an Integer (window %, fuel %). */
        WHOLE,
        /**
         * Magnitude rounded up, as an Integer: any movement, forwards or backwards, counts as moving for the
         * interlocks (speed).
         */
        MAGNITUDE_UP,
        /** An Integer when whole, else the Double as it is (0.5 °C steps). */
        EXACT,
        /** A Double with one decimal (odometer km). */
        TENTHS;

        Object apply(double physical) {
            switch (this) {
                case WHOLE:
                    return (int) Math.round(physical);
                case MAGNITUDE_UP:
                    return (int) Math.ceil(Math.abs(physical) - 1e-9);
                case EXACT:
                    return physical == Math.rint(physical) ? (Object) (int) physical : (Object) physical;
                default:
                    return Math.round(physical * 10) / 10.0;
            }
        }
    }
}
