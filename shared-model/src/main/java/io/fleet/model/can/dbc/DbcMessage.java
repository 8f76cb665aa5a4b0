package io.fleet.model.can.dbc;

import io.fleet.model.Checks;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code BO_} message: identity, layout and its signals, with frame-level decode and encode that honour simple
 * multiplexing (one {@code M} signal selecting {@code m<n>} signals). Immutable and safe to share between threads.
 */
public final class DbcMessage {

    private final int id;
    private final boolean extended;
    private final String name;
    private final int length;
    private final String sender;
    private final List<DbcSignal> signals;
    private final Map<String, DbcSignal> signalsByName;
    private final DbcSignal multiplexor;
    private final String comment;
    private final Map<String, String> attributes;
    /** Signals with the multiplexor first, because its value decides which others a frame carries. */
    private final List<DbcSignal> multiplexorFirst;
    private final MessageDecoder decoder;

    DbcMessage(int id, boolean extended, String name, int length, String sender, List<DbcSignal> signals,
               String comment, Map<String, String> attributes) {
        Checks.inRange(id, 0, extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID, "message id");
        Checks.inRange(length, 0, 64, "message length");
        this.id = id;
        this.extended = extended;
        this.name = Checks.notNull(name, "name");
        this.length = length;
        this.sender = Checks.notNull(sender, "sender");
        this.signals = List.copyOf(signals);
        this.comment = Checks.notNull(comment, "comment");
        this.attributes = Map.copyOf(attributes);
        Map<String, DbcSignal> byName = new LinkedHashMap<>();
        DbcSignal mux = null;
        for (DbcSignal signal : this.signals) {
            Checks.check(byName.putIfAbsent(signal.name(), signal) == null, "signal name", "must be unique in "
                    + name, signal.name());
            if (signal.isMultiplexor()) {
                Checks.check(mux == null, "multiplexor", "must be unique in " + name + " (extended multiplexing"
                        + " is not supported)", signal.name());
                mux = signal;
            }
        }
        this.signalsByName = Collections.unmodifiableMap(byName);
        this.multiplexor = mux;
        List<DbcSignal> ordered = new ArrayList<>(this.signals);
        if (mux != null) {
            ordered.remove(mux);
            ordered.add(0, mux);
        }
        this.multiplexorFirst = List.copyOf(ordered);
        this.decoder = new MessageDecoder(this.signals, mux);
    }

    /** 11-bit or 29-bit identifier (the DBC's bit 31 removed). */
    public int id() {
        return id;
    }

    public boolean isExtended() {
        return extended;
    }

    public String name() {
        return name;
    }

    /** Payload length in bytes as the {@code BO_} line gives it (DBC calls it DLC; up to 64 for CAN FD). */
    public int length() {
        return length;
    }

    public String sender() {
        return sender;
    }

    /** Signals in file order. */
    public List<DbcSignal> signals() {
        return signals;
    }

    public Optional<DbcSignal> signal(String signalName) {
        return Optional.ofNullable(signalsByName.get(signalName));
    }

    public Optional<DbcSignal> multiplexor() {
        return Optional.ofNullable(multiplexor);
    }

    public String comment() {
        return comment;
    }

    /** {@code BA_} values for this message, with {@code BA_DEF_DEF_} defaults; enum values as their text. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** {@code GenMsgCycleTime} in milliseconds, when the file gives a positive one. */
    public OptionalInt cycleTimeMillis() {
        String value = attributes.get("GenMsgCycleTime");
        try {
            int millis = value == null ? 0 : (int) Double.parseDouble(value);
            return millis > 0 ? OptionalInt.of(millis) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** {@code VFrameFormat} text, e.g. "StandardCAN", "ExtendedCAN_FD", "J1939PG", or "" when not given. */
    public String frameFormat() {
        return attributes.getOrDefault("VFrameFormat", "");
    }

    /** A CAN FD frame: {@code VFrameFormat} says so, or the payload cannot fit a classic frame. */
    public boolean isFd() {
        return frameFormat().endsWith("_FD") || length > 8;
    }

    /** Whether a frame carries this message's id. */
    public boolean matches(CanFrame frame) {
        return frame.id() == id && frame.extended() == extended && !frame.remote();
    }

    /**
     * Decodes a frame's payload without copying it; see {@link #decode(byte[])}. The id is not checked: see
     * {@link #matches}.
     */
    public Map<String, SignalValue> decode(CanFrame frame) {
        return decoder.decode(frame);
    }

    /**
     * Decodes every signal present in the payload into an unmodifiable map that iterates with the multiplexor
     * first, then in file order. Multiplexed signals whose {@code m<n>} differs from the multiplexor's raw value
     * are left out, and so are signals that end beyond a shorter-than-declared payload (recorded frames are
     * sometimes truncated; a partial result beats none).
     */
    public Map<String, SignalValue> decode(byte[] payload) {
        return decoder.decode(payload);
    }

    /**
     * Allocation-free decode for bulk work such as drive-log ingest: writes each signal's physical value to
     * {@code physical[i]}, {@code i} being its index in {@link #signals()}, and NaN for signals the frame does not
     * carry (see {@link #decode(byte[])}).
     *
     * @param physical at least {@code signals().size()} long
     * @return the number of signals decoded
     */
    public int decodePhysical(CanFrame frame, double[] physical) {
        return decoder.decodePhysical(frame, physical);
    }

    /** {@link #decodePhysical(CanFrame, double[])} for a bare payload. */
    public int decodePhysical(byte[] payload, double[] physical) {
        return decoder.decodePhysical(payload, physical);
    }

    /**
     * Builds a payload of {@link #length()} bytes.
     *
     * @param values signal name to a {@link Number} (physical value) or a {@link String} (value-table text). Signals
     *               not given get their {@code GenSigStartValue} or 0. Multiplexed signals are written only when
     *               their {@code m<n>} matches the multiplexor's value.
     * @throws IllegalArgumentException for an unknown signal, a value of another type, a value out of range, or a
     *                                  multiplexed signal that the chosen multiplexor value does not carry
     */
    public byte[] encode(Map<String, ?> values) {
        Checks.notNull(values, "values");
        for (String signalName : values.keySet()) {
            if (!signalsByName.containsKey(signalName)) {
                throw new IllegalArgumentException("message '" + name + "' has no signal '" + signalName + "' (has "
                        + signalsByName.keySet() + ")");
            }
        }
        byte[] payload = new byte[length];
        long selector = 0;
        for (DbcSignal signal : multiplexorFirst) {
            Object value = values.get(signal.name());
            boolean present = multiplexor == null || signal == multiplexor || signal.isPresentFor(selector);
            if (!present) {
                Checks.check(value == null, "signal '" + signal.name() + "'", "is not sent when multiplexor '"
                        + multiplexor.name() + "' is " + selector, value);
                continue;
            }
            long raw = rawFor(signal, value);
            if (signal.codec().requiredBytes() > length) {
                Checks.check(value == null, "signal '" + signal.name() + "'", "does not fit the " + length
                        + "-byte payload of " + name, value);
                continue;
            }
            signal.encodeRaw(raw, payload);
            if (signal == multiplexor) {
                selector = raw;
            }
        }
        return payload;
    }

    /**
     * A transmit frame of this message with the encoded payload: CAN FD (with bit-rate switch, as FD buses in
     * vehicles run it) when {@link #isFd()}, else classic.
     *
     * @throws IllegalArgumentException as {@link #encode}, or if an FD message's length is not a CAN FD length
     */
    public CanFrame encodeFrame(long timestampNanos, int channel, Map<String, ?> values) {
        byte[] payload = encode(values);
        return isFd() ? CanFrame.fd(timestampNanos, channel, id, extended, true, false, Direction.TX, payload)
                : CanFrame.data(timestampNanos, channel, id, extended, Direction.TX, payload);
    }

    private static long rawFor(DbcSignal signal, Object value) {
        if (value == null) {
            return signal.startValue().orElse(0);
        }
        if (value instanceof Number number) {
            return signal.toRaw(number.doubleValue());
        }
        if (value instanceof String label) {
            return signal.toRaw(label);
        }
        throw new IllegalArgumentException("signal '" + signal.name() + "': value must be a Number or a String, not "
                + value.getClass().getName());
    }

    @Override
    public String toString() {
        return "BO_ " + name + " 0x" + Integer.toHexString(id) + (extended ? "x" : "") + " [" + length + "] "
                + signals.size() + " signals";
    }
}
