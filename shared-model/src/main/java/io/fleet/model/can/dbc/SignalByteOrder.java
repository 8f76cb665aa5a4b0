package io.fleet.model.can.dbc;

/** How a signal's bits are laid out in the payload; the digit after {@code @} in an {@code SG_} line. */
public enum SignalByteOrder {
    /**
     * {@code @0}: big-endian. The DBC start bit names the most significant bit in the "sawtooth" numbering
     * (bit 7 of byte 0 is bit 7, bit 0 of byte 1 is bit 8); lower bits continue towards bit 0 of the same byte and
     * then into bit 7 of the next byte.
     */
    MOTOROLA,
    /** {@code @1}: little-endian. The start bit names the least significant bit; higher bits follow upwards. */
    INTEL
}
