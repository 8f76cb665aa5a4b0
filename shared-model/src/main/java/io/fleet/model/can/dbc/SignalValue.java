package io.fleet.model.can.dbc;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * One decoded signal. Holds the signal itself so that unit, label and comment need no second lookup and the
 * decode allocates nothing else.
 *
 * @param raw      raw value: sign-extended for signed signals, IEEE bits for float signals
 * @param physical {@code raw * factor + offset}
 */
public record SignalValue(DbcSignal signal, long raw, double physical) {

    public SignalValue {
        Checks.notNull(signal, "signal");
    }

    public String name() {
        return signal.name();
    }

    public String unit() {
        return signal.unit();
    }

    /** The value table's text for the raw value, e.g. "Open". */
    public Optional<String> label() {
        return signal.valueTable().label(raw);
    }

    @Override
    public String toString() {
        return signal.name() + "=" + label().orElseGet(() -> physical + (signal.unit().isEmpty() ? "" : " "
                + signal.unit()));
    }
}
