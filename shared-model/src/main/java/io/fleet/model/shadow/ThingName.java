package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.regex.Pattern;

/**
 * An AWS IoT thing name: 1-128 characters from {@code [a-zA-Z0-9:_-]}.
 * It is also the MQTT client id and certificate CN of a device (see docs/ARCHITECTURE.md, security model).
 */
public record ThingName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

    public ThingName {
        Checks.notNull(value, "thing name");
        Checks.check(isValid(value), "thing name", "must match " + VALID.pattern(), value);
    }

    public static ThingName of(String value) {
        return new ThingName(value);
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
