package io.fleet.model.can.dbc;

import io.fleet.model.Checks;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Named values of a signal ({@code VAL_}) or a shared table ({@code VAL_TABLE_}). As in the DBC format, keys are
 * <em>raw</em> values, not physical ones; for the usual factor 1, offset 0 signals they are the same.
 */
public final class ValueTable {

    public static final ValueTable EMPTY = new ValueTable(Map.of());

    private final Map<Long, String> labels;
    private final Map<String, Long> rawByLabel;
    private final Map<String, Long> rawByLowerCaseLabel;

    public ValueTable(Map<Long, String> labels) {
        Checks.notNull(labels, "labels");
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Map<String, Long> exact = new HashMap<>();
        Map<String, Long> lower = new HashMap<>();
        // First raw value wins when a label repeats, so lookups are deterministic.
        labels.forEach((raw, label) -> {
            exact.putIfAbsent(label, raw);
            lower.putIfAbsent(label.toLowerCase(Locale.ROOT), raw);
        });
        this.rawByLabel = Map.copyOf(exact);
        this.rawByLowerCaseLabel = Map.copyOf(lower);
    }

    /** Raw value to label, in file order. */
    public Map<Long, String> labels() {
        return labels;
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }

    public Optional<String> label(long raw) {
        return isEmpty() ? Optional.empty() : Optional.ofNullable(labels.get(raw));
    }

    /**
     * The raw value of a label; an exact match wins, otherwise the match ignores case, because commands arrive
     * from apps and voice where "open" and "Open" mean the same.
     */
    public OptionalLong raw(String label) {
        Long raw = rawByLabel.get(label);
        if (raw == null) {
            raw = rawByLowerCaseLabel.get(label.toLowerCase(Locale.ROOT));
        }
        return raw == null ? OptionalLong.empty() : OptionalLong.of(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueTable t && labels.equals(t.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
