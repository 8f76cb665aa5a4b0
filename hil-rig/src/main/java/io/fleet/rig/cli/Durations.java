package io.fleet.rig.cli;

import java.util.Locale;

/** Parses CLI durations: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 90us}; bare numbers: seconds. */
final class Durations {

    private Durations() {
    }

    static long parseNanos(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factor;
        String number;
        if (t.endsWith("ms")) {
            factor = 1e6;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            factor = 1e3;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ns")) {
            factor = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factor = 1e9;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60e9;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            factor = 3600e9;
            number = t.substring(0, t.length() - 1);
        } else {
            factor = 1e9;
            number = t;
        }
        try {
            double value = Double.parseDouble(number);
            if (value < 0) {
                throw new IllegalArgumentException("duration '" + text + "' must not be negative");
            }
            return (long) (value * factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is not like 250ms, 1.5s, 2m or 1h", e);
        }
    }

    /** {@code FROM..TO}, either side may be empty: {@code 10s..}, {@code ..1m}. */
    static long[] parseWindow(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("--window '" + text + "' must look like FROM..TO, e.g. 10s..70s");
        }
        String from = text.substring(0, dots).trim();
        String to = text.substring(dots + 2).trim();
        return new long[] {from.isEmpty() ? 0 : parseNanos(from), to.isEmpty() ? Long.MAX_VALUE : parseNanos(to)};
    }
}
