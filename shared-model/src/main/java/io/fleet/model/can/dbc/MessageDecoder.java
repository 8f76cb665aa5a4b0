package io.fleet.model.can.dbc;

import io.fleet.model.Checks;
import io.fleet.model.bus.CanFrame;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hot path of {@link DbcMessage}: everything about a message's signals that a decode needs, unpacked into
 * arrays once, and one loop that serves both the map result and the allocation-free {@code double[]} result.
 * Payloads of up to 8 bytes are loaded once into two 64-bit words so each signal costs one shift and mask.
 */
final class MessageDecoder {

    /** Signals in decode order: the multiplexor first (its value selects the others), then file order. */
    private final DbcSignal[] signals;
    private final SignalCodec[] codecs;
    private final int[] requiredBytes;
    /** Position of each decode-order signal in the file-order list, for {@code double[]} results. */
    private final int[] fileIndex;
    private final boolean multiplexed;
    private final Map<String, Integer> indexByName = new HashMap<>();

    MessageDecoder(List<DbcSignal> fileOrder, DbcSignal multiplexor) {
        int n = fileOrder.size();
        signals = new DbcSignal[n];
        codecs = new SignalCodec[n];
        requiredBytes = new int[n];
        fileIndex = new int[n];
        multiplexed = multiplexor != null;
        int next = 0;
        if (multiplexor != null) {
            fileIndex[next] = fileOrder.indexOf(multiplexor);
            signals[next++] = multiplexor;
        }
        for (int i = 0; i < n; i++) {
            if (fileOrder.get(i) != multiplexor) {
                fileIndex[next] = i;
                signals[next++] = fileOrder.get(i);
            }
        }
        for (int i = 0; i < n; i++) {
            codecs[i] = signals[i].codec();
            requiredBytes[i] = codecs[i].requiredBytes();
            indexByName.putIfAbsent(signals[i].name(), i);
        }
    }

    /** Decode-order index of a signal, or -1. */
    int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    Map<String, SignalValue> decode(CanFrame frame) {
        SignalValue[] values = new SignalValue[signals.length];
        int count = frame.dataLength() > 8 ? run(frame.data(), values, null) : run(frame, values, null);
        return new DecodedSignals(this, values, count);
    }

    Map<String, SignalValue> decode(byte[] payload) {
        SignalValue[] values = new SignalValue[signals.length];
        return new DecodedSignals(this, values, run(payload, values, null));
    }

    int decodePhysical(CanFrame frame, double[] physical) {
        return frame.dataLength() > 8 ? run(frame.data(), null, physical) : run(frame, null, physical);
    }

    int decodePhysical(byte[] payload, double[] physical) {
        return run(payload, null, physical);
    }

    private int run(CanFrame frame, SignalValue[] values, double[] physical) {
        int available = frame.dataLength();
        long littleEndian = 0;
        for (int i = available - 1; i >= 0; i--) {
            littleEndian = (littleEndian << 8) | frame.byteAt(i);
        }
        return loop(null, available, littleEndian, Long.reverseBytes(littleEndian), values, physical);
    }

    private int run(byte[] payload, SignalValue[] values, double[] physical) {
        if (payload.length > 8) {
            return loop(payload, payload.length, 0, 0, values, physical);
        }
        long littleEndian = SignalCodec.littleEndianWord(payload);
        return loop(null, payload.length, littleEndian, Long.reverseBytes(littleEndian), values, physical);
    }

    /**
     * Decodes into exactly one of {@code values} (decode order) or {@code physical} (file order, NaN = absent).
     * {@code payload} is null when the words hold the whole payload.
     */
    private int loop(byte[] payload, int available, long littleEndian, long bigEndian, SignalValue[] values,
                     double[] physical) {
        if (physical != null) {
            Checks.check(physical.length >= signals.length, "physical values array length", "must be at least the "
                    + signals.length + " signals of the message", physical.length);
            Arrays.fill(physical, 0, signals.length, Double.NaN);
        }
        int count = 0;
        long selector = 0;
        // A payload too short for the multiplexor leaves every multiplexed signal undecidable.
        boolean selectorKnown = !multiplexed;
        for (int i = 0; i < signals.length; i++) {
            DbcSignal signal = signals[i];
            if (requiredBytes[i] > available || (multiplexed && i > 0 && signal.isMultiplexed()
                    && (!selectorKnown || !signal.isPresentFor(selector)))) {
                continue;
            }
            long raw = payload == null ? codecs[i].extract(littleEndian, bigEndian) : codecs[i].extract(payload);
            if (i == 0 && multiplexed) {
                selector = raw;
                selectorKnown = true;
            }
            double value = signal.toPhysical(raw);
            if (values != null) {
                values[i] = new SignalValue(signal, raw, value);
            } else {
                physical[fileIndex[i]] = value;
            }
            count++;
        }
        return count;
    }
}
