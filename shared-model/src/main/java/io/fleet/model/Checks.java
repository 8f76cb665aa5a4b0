package io.fleet.model;

import java.util.Objects;

/** Uniform argument checks for value types, so every rejection reads the same way. */
public final class Checks {

    private Checks() {
    }

    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    public static void check(boolean condition, String name, String rule, Object actual) {
        if (!condition) {
            throw new IllegalArgumentException(name + " " + rule + " (was " + actual + ")");
        }
    }

    public static long nonNegative(long value, String name) {
        check(value >= 0, name, "must be >= 0", value);
        return value;
    }

    public static int inRange(int value, int min, int max, String name) {
        check(value >= min && value <= max, name, "must be in [" + min + ", " + max + "]", value);
        return value;
    }
}
