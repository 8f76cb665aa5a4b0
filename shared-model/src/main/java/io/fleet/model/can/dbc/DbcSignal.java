package io.fleet.model.can.dbc;

import io.fleet.model.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@code SG_} of a message with everything the file says about it, and its conversions between payload bits,
 * raw values and physical values ({@code physical = raw * factor + offset}). Immutable.
 */
public final class DbcSignal {

    /** {@link #multiplexerValue()} of a signal that is present in every frame. */
    private static final int NOT_MULTIPLEXED = -1;

    private final String name;
    private final SignalCodec codec;
    private final SignalEncoding encoding;
    private final double factor;
    private final double offset;
    private final double minimum;
    private final double maximum;
    private final String unit;
    private final List<String> receivers;
    private final boolean multiplexor;
    private final int multiplexerValue;
    private final String comment;
    private final ValueTable valueTable;
    private final Map<String, String> attributes;
    private final OptionalLong startValue;
    private final double rawMinimum;
    private final double rawMaximumExclusive;

    DbcSignal(String name, SignalCodec codec, SignalEncoding encoding, double factor, double offset, double minimum,
              double maximum, String unit, List<String> receivers, boolean multiplexor, int multiplexerValue,
              String comment, ValueTable valueTable, Map<String, String> attributes) {
        this.name = Checks.notNull(name, "name");
        this.codec = Checks.notNull(codec, "codec");
        this.encoding = Checks.notNull(encoding, "encoding");
        this.factor = factor;
        this.offset = offset;
        this.minimum = minimum;
        this.maximum = maximum;
        this.unit = Checks.notNull(unit, "unit");
        this.receivers = List.copyOf(receivers);
        this.multiplexor = multiplexor;
        this.multiplexerValue = multiplexerValue;
        this.comment = Checks.notNull(comment, "comment");
        this.valueTable = Checks.notNull(valueTable, "valueTable");
        this.attributes = Map.copyOf(attributes);
        this.startValue = parseStartValue(this.attributes.get("GenSigStartValue"));
        int length = codec.length();
        boolean signed = encoding == SignalEncoding.SIGNED;
        this.rawMinimum = signed ? -Math.scalb(1.0, length - 1) : 0;
        this.rawMaximumExclusive = Math.scalb(1.0, signed ? length - 1 : length);
    }

    public String name() {
        return name;
    }

    public SignalCodec codec() {
        return codec;
    }

    public int startBit() {
        return codec.startBit();
    }

    public int length() {
        return codec.length();
    }

    public SignalByteOrder byteOrder() {
        return codec.byteOrder();
    }

    public SignalEncoding encoding() {
        return encoding;
    }

    public double factor() {
        return factor;
    }

    public double offset() {
        return offset;
    }

    public double minimum() {
        return minimum;
    }

    public double maximum() {
        return maximum;
    }

    /** DBC writes {@code [0|0]} (or any empty range) for "no range"; only a real range is enforced on encode. */
    public boolean hasRange() {
        return minimum < maximum;
    }

    public String unit() {
        return unit;
    }

    public List<String> receivers() {
        return receivers;
    }

    /** {@code M}: this signal selects which multiplexed signals the frame carries. */
    public boolean isMultiplexor() {
        return multiplexor;
    }

    /** {@code m<n>}: the multiplexor value for which this signal is present. */
    public OptionalInt multiplexerValue() {
        return multiplexerValue == NOT_MULTIPLEXED ? OptionalInt.empty() : OptionalInt.of(multiplexerValue);
    }

    /** Has an {@code m<n>}: present only in some frames. */
    public boolean isMultiplexed() {
        return multiplexerValue != NOT_MULTIPLEXED;
    }

    /** Whether the signal is in a frame whose multiplexor has the given raw value. */
    public boolean isPresentFor(long multiplexorRaw) {
        return multiplexerValue == NOT_MULTIPLEXED || multiplexerValue == multiplexorRaw;
    }

    public String comment() {
        return comment;
    }

    public ValueTable valueTable() {
        return valueTable;
    }

    /** {@code BA_} values for this signal, with {@code BA_DEF_DEF_} defaults; enum values as their text. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** {@code GenSigStartValue}: the raw value to send while nobody has set one. */
    public OptionalLong startValue() {
        return startValue;
    }

    private static OptionalLong parseStartValue(String value) {
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of((long) Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Optional<String> label(long raw) {
        return valueTable.label(raw);
    }

    /** Raw value from a payload; see {@link SignalCodec#extract(byte[])}. */
    public long decodeRaw(byte[] payload) {
        return codec.extract(payload);
    }

    /** Physical value from a payload. */
    public double decode(byte[] payload) {
        return toPhysical(codec.extract(payload));
    }

    public SignalValue decodeValue(byte[] payload) {
        long raw = codec.extract(payload);
        return new SignalValue(this, raw, toPhysical(raw));
    }

    public double toPhysical(long raw) {
        double value = switch (encoding) {
            case UNSIGNED -> raw >= 0 ? raw : (raw >>> 1) * 2.0 + (raw & 1);
            case SIGNED -> raw;
            case FLOAT32 -> Float.intBitsToFloat((int) raw);
            case FLOAT64 -> Double.longBitsToDouble(raw);
        };
        return value * factor + offset;
    }

    /**
     * The raw value for a physical one, rounded to the nearest step.
     *
     * @throws IllegalArgumentException naming the signal, range and value when the value is outside
     *                                  {@code [minimum, maximum]} (if the file gives a range) or does not fit the
     *                                  signal's bits; a command must never be silently clamped
     */
    public long toRaw(double physical) {
        if (!Double.isFinite(physical)) {
            throw new IllegalArgumentException("signal '" + name + "': value " + physical + " is not a finite number");
        }
        double tolerance = 1e-9 * Math.max(1.0, Math.max(Math.abs(minimum), Math.abs(maximum)));
        if (hasRange() && (physical < minimum - tolerance || physical > maximum + tolerance)) {
            throw new IllegalArgumentException("signal '" + name + "': value " + physical + " is out of range ["
                    + minimum + ", " + maximum + "]" + (unit.isEmpty() ? "" : " " + unit));
        }
        if (factor == 0) {
            throw new IllegalArgumentException("signal '" + name + "' has factor 0 and cannot be encoded");
        }
        double scaled = (physical - offset) / factor;
        switch (encoding) {
            case FLOAT32:
                return Float.floatToRawIntBits((float) scaled) & 0xFFFF_FFFFL;
            case FLOAT64:
                return Double.doubleToRawLongBits(scaled);
            default:
                double rounded = Math.rint(scaled);
                if (!(rounded >= rawMinimum && rounded < rawMaximumExclusive)) {
                    throw new IllegalArgumentException("signal '" + name + "': value " + physical
                            + " does not fit its " + length() + "-bit " + encoding.name().toLowerCase(Locale.ROOT)
                            + " raw range (raw would be " + rounded + ")");
                }
                // Doubles at or above 2^63 do not cast to long; move them into the negative half first.
                return rounded >= 0x1p63 ? (long) (rounded - 0x1p63) ^ Long.MIN_VALUE : (long) rounded;
        }
    }

    /**
     * The raw value for a value-table text such as "Open" (case-insensitive if no exact match).
     *
     * @throws IllegalArgumentException if the signal has no such text
     */
    public long toRaw(String label) {
        return valueTable.raw(label).orElseThrow(() -> new IllegalArgumentException("signal '" + name
                + "' has no value named '" + label + "' (known: " + valueTable.labels().values() + ")"));
    }

    /** Writes a physical value into the payload; see {@link #toRaw(double)}. */
    public void encode(double physical, byte[] payload) {
        codec.insert(toRaw(physical), payload);
    }

    /** Writes a value-table text into the payload; see {@link #toRaw(String)}. */
    public void encode(String label, byte[] payload) {
        codec.insert(toRaw(label), payload);
    }

    public void encodeRaw(long raw, byte[] payload) {
        codec.insert(raw, payload);
    }

    @Override
    public String toString() {
        return "SG_ " + name + (multiplexor ? " M" : "") + (multiplexerValue >= 0 ? " m" + multiplexerValue : "")
                + " : " + codec + " (" + factor + "," + offset + ") [" + minimum + "|" + maximum + "] \"" + unit + "\""
                + (encoding.isFloat() ? " " + encoding : "");
    }
}
