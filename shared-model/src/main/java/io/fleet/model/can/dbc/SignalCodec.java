package io.fleet.model.can.dbc;

import io.fleet.model.Checks;

/**
 * Moves one signal's raw bits between a payload and a {@code long}, for both byte orders, lengths 1..64 and
 * payloads up to 64 bytes (CAN FD). Everything position-dependent is computed once here so that a decode is a few
 * shifts and masks.
 *
 * <p>Both byte orders are handled with one idea: each payload byte {@code i} the signal touches holds the signal's
 * bits shifted by a fixed amount, {@code shift(i)} (negative means the byte's low bits are below the signal's LSB).
 * For Intel the signal's LSB is the start bit, so byte {@code i} starts at signal bit {@code 8*i - startBit}. For
 * Motorola we renumber bits big-endian (bit 0 = MSB of byte 0), where the signal is a contiguous run ending at
 * {@code endBit}; byte {@code i}'s LSB sits at signal bit {@code endBit - 8*(i+1)}.
 *
 * <p>Payloads of at most 8 bytes also get a faster path: the caller loads the payload once as a 64-bit word in both
 * orders ({@link #littleEndianWord}, {@link #bigEndianWord}) and every signal is a single shift and mask of it.
 */
public final class SignalCodec {

    private final int startBit;
    private final int length;
    private final SignalByteOrder byteOrder;
    private final boolean signed;
    private final long mask;
    private final int firstByte;
    private final int lastByte;
    /** shift(i) = shiftAtByteZero + shiftPerByte * i. */
    private final int shiftAtByteZero;
    private final int shiftPerByte;
    /** Right shift of the 64-bit word on the fast path. */
    private final int wordShift;

    public SignalCodec(int startBit, int length, SignalByteOrder byteOrder, SignalEncoding encoding) {
        Checks.inRange(length, 1, 64, "signal length");
        Checks.inRange(startBit, 0, 511, "start bit");
        Checks.notNull(byteOrder, "byte order");
        Checks.notNull(encoding, "encoding");
        Checks.check(encoding != SignalEncoding.FLOAT32 || length == 32, "float signal length", "must be 32", length);
        Checks.check(encoding != SignalEncoding.FLOAT64 || length == 64, "double signal length", "must be 64", length);
        this.startBit = startBit;
        this.length = length;
        this.byteOrder = byteOrder;
        this.signed = encoding == SignalEncoding.SIGNED;
        this.mask = length == 64 ? -1L : (1L << length) - 1;
        this.firstByte = startBit / 8;
        if (byteOrder == SignalByteOrder.INTEL) {
            int lastBit = startBit + length - 1;
            this.lastByte = lastBit / 8;
            this.shiftAtByteZero = -startBit;
            this.shiftPerByte = 8;
            this.wordShift = startBit;
        } else {
            int msbBigEndian = firstByte * 8 + 7 - startBit % 8;
            int endBit = msbBigEndian + length;
            this.lastByte = (endBit - 1) / 8;
            this.shiftAtByteZero = endBit - 8;
            this.shiftPerByte = -8;
            this.wordShift = 64 - endBit;
        }
        Checks.check(lastByte < 64, "signal at start bit " + startBit + " with length " + length,
                "must end within 64 bytes", "ending in byte " + lastByte);
    }

    /** Payload bytes needed to hold the signal: index of its last byte plus one. */
    public int requiredBytes() {
        return lastByte + 1;
    }

    public int startBit() {
        return startBit;
    }

    public int length() {
        return length;
    }

    public SignalByteOrder byteOrder() {
        return byteOrder;
    }

    /**
     * The raw value: zero-extended, or sign-extended for {@link SignalEncoding#SIGNED}; float signals return their
     * IEEE bits.
     *
     * @throws IllegalArgumentException if the payload is shorter than {@link #requiredBytes()}
     */
    public long extract(byte[] payload) {
        checkFits(payload.length);
        long raw = 0;
        int shift = shiftAtByteZero + shiftPerByte * firstByte;
        for (int i = firstByte; i <= lastByte; i++, shift += shiftPerByte) {
            long b = payload[i] & 0xFFL;
            raw |= shift >= 0 ? b << shift : b >>> -shift;
        }
        return finish(raw);
    }

    /**
     * Fast path for payloads of at most 8 bytes; valid only when {@code requiredBytes() <= 8}.
     *
     * @param littleEndianWord {@link #littleEndianWord} of the payload
     * @param bigEndianWord    {@link #bigEndianWord} of the payload
     */
    public long extract(long littleEndianWord, long bigEndianWord) {
        long word = byteOrder == SignalByteOrder.INTEL ? littleEndianWord : bigEndianWord;
        return finish(word >>> wordShift);
    }

    /**
     * Writes the low {@code length} bits of {@code raw} into the payload, leaving all other bits untouched.
     *
     * @throws IllegalArgumentException if the payload is shorter than {@link #requiredBytes()}
     */
    public void insert(long raw, byte[] payload) {
        checkFits(payload.length);
        long bits = raw & mask;
        int shift = shiftAtByteZero + shiftPerByte * firstByte;
        for (int i = firstByte; i <= lastByte; i++, shift += shiftPerByte) {
            int byteMask = (int) ((shift >= 0 ? mask >>> shift : mask << -shift) & 0xFF);
            int value = (int) ((shift >= 0 ? bits >>> shift : bits << -shift) & 0xFF);
            payload[i] = (byte) ((payload[i] & ~byteMask) | value);
        }
    }

    /** The first up to 8 payload bytes as a little-endian word (byte 0 in the low bits), missing bytes zero. */
    public static long littleEndianWord(byte[] payload) {
        long word = 0;
        for (int i = Math.min(payload.length, 8) - 1; i >= 0; i--) {
            word = (word << 8) | (payload[i] & 0xFFL);
        }
        return word;
    }

    /** The first up to 8 payload bytes as a big-endian word (byte 0 in the high bits), missing bytes zero. */
    public static long bigEndianWord(byte[] payload) {
        long word = 0;
        int n = Math.min(payload.length, 8);
        for (int i = 0; i < n; i++) {
            word = (word << 8) | (payload[i] & 0xFFL);
        }
        return word << (8 * (8 - n));
    }

    private long finish(long shifted) {
        long raw = shifted & mask;
        if (signed && length < 64) {
            int unused = 64 - length;
            raw = (raw << unused) >> unused;
        }
        return raw;
    }

    private void checkFits(int payloadLength) {
        if (payloadLength <= lastByte) {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes is too short for a signal at"
                    + " start bit " + startBit + " with length " + length + " (needs " + requiredBytes() + ")");
        }
    }

    @Override
    public String toString() {
        return startBit + "|" + length + "@" + (byteOrder == SignalByteOrder.INTEL ? "1" : "0") + (signed ? "-" : "+");
    }
}
