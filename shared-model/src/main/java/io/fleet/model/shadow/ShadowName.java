package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.regex.Pattern;

/**
 * The name of a named shadow: 1-64 characters from {@code [a-zA-Z0-9:_-]}.
 * The classic (unnamed) shadow has no {@code ShadowName}; see {@link ShadowId}.
 */
public record ShadowName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9:_-]{1,64}");

    public ShadowName {
        Checks.notNull(value, "shadow name");
        Checks.check(isValid(value), "shadow name", "must match " + VALID.pattern(), value);
    }

    public static ShadowName of(String value) {
        return new ShadowName(value);
    }

    /** Whether {@code value} is a valid name; lets parsers of topics and URLs reject without exceptions. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
