package io.fleet.rig.replay;

import io.fleet.model.Checks;
import java.util.Locale;

/** An inclusive range of CAN identifiers, parsed from {@code 0x7E0}, {@code 0x700-0x7FF} or decimal. */
public record IdRange(int first, int last) {

    public IdRange {
        Checks.check(first >= 0 && first <= last, "id range", "must have 0 <= first <= last", first + "-" + last);
    }

    public static IdRange parse(String text) {
        String trimmed = text.trim();
        int dash = trimmed.indexOf('-');
        if (dash < 0) {
            int id = parseId(trimmed);
            return new IdRange(id, id);
        }
        return new IdRange(parseId(trimmed.substring(0, dash)), parseId(trimmed.substring(dash + 1)));
    }

    /** {@code 0x7E8}, {@code 7E8h} is not accepted on purpose: hex needs the 0x prefix, otherwise decimal. */
    public static int parseId(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            return t.startsWith("0x") ? Integer.parseUnsignedInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CAN id '" + text + "' is neither decimal nor 0x-prefixed hex", e);
        }
    }

    public boolean contains(int id) {
        return id >= first && id <= last;
    }
}
