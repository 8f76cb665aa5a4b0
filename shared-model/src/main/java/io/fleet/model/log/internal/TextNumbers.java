package io.fleet.model.log.internal;

/**
 * Allocation-free number parsing for the text log formats (formatting: {@link TextOutput}). Timestamps are parsed as
 * decimal text straight into nanoseconds, never through {@code double}, so that 1436509052.249713 s stays exact. Parse
 * methods throw {@link IllegalArgumentException} with a reason the readers put into their error messages.
 */
public final class TextNumbers {

    static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    /** Larger second counts do not fit a long of nanoseconds (year 2262). */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private TextNumbers() {
    }

    /** Seconds as {@code [-]digits[.digits]} (up to 9 fraction digits) in {@code s[from, to)} -> nanoseconds. */
    public static long parseSecondsToNanos(CharSequence s, int from, int to) {
        boolean negative = from < to && s.charAt(from) == '-';
        int i = negative ? from + 1 : from;
        long seconds = 0;
        int integerDigits = 0;
        while (i < to && s.charAt(i) != '.') {
            seconds = seconds * 10 + decimalDigit(s, i, "timestamp");
            i++;
            integerDigits++;
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (i < to) {
            for (i++; i < to; i++) {
                fraction = fraction * 10 + decimalDigit(s, i, "timestamp");
                fractionDigits++;
            }
        }
        if (integerDigits == 0 || fractionDigits > 9) {
            throw new IllegalArgumentException("bad timestamp '" + s.subSequence(from, to) + "'");
        }
        if (integerDigits > 10 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("timestamp '" + s.subSequence(from, to) + "' out of range");
        }
        long nanos = seconds * 1_000_000_000L + fraction * POWERS_OF_TEN[9 - fractionDigits];
        return negative ? -nanos : nanos;
    }

    /** Unsigned hex in {@code s[from, to)}, at most 8 digits. */
    public static int parseHex(CharSequence s, int from, int to, String what) {
        if (from >= to || to - from > 8) {
            throw new IllegalArgumentException("bad " + what + " '" + s.subSequence(from, to) + "'");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            value = (value << 4) | hexDigit(s, i, what);
        }
        return value;
    }

    /** Unsigned decimal in {@code s[from, to)}, at most 9 digits. */
    public static int parseDecimal(CharSequence s, int from, int to, String what) {
        if (from >= to || to - from > 9) {
            throw new IllegalArgumentException("bad " + what + " '" + s.subSequence(from, to) + "'");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + decimalDigit(s, i, what);
        }
        return value;
    }

    public static int hexDigit(CharSequence s, int index, String what) {
        char c = s.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("bad hex digit '" + c + "' in " + what);
    }

    private static int decimalDigit(CharSequence s, int index, String what) {
        char c = s.charAt(index);
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("bad digit '" + c + "' in " + what);
        }
        return c - '0';
    }
}
