package io.fleet.model.can.dbc;

/**
 * How a signal's raw bits become a number: the {@code +}/{@code -} of an {@code SG_} line, overridden by
 * {@code SIG_VALTYPE_} (1 = IEEE float, 2 = IEEE double).
 */
public enum SignalEncoding {
    UNSIGNED,
    /** Two's complement over the signal's length. */
    SIGNED,
    /** IEEE 754 binary32; the signal must be 32 bits long. */
    FLOAT32,
    /** IEEE 754 binary64; the signal must be 64 bits long. */
    FLOAT64;

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }
}
