package io.fleet.model;

/** Uniform argument checks for value types, so every rejection reads the same way. */
public final class Checks {

    private Checks() {
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
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
        // The message is built only on failure: value types call this for every frame they are built from.
        if (value < min || value > max) {
            check(false, name, "must be in [" + min + ", " + max + "]", value);
        }
        return value;
    }
}
