package io.fleet.model.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style: for every signal of the real DBCs and of our example, random in-range values survive
 * encode then decode, alone and together in their message. Fixed seeds keep failures reproducible.
 */
class DbcRoundTripTest {

    private static final int ROUNDS = 200;

    static Stream<Path> dbcFiles() {
        return Stream.of(DbcTestFiles.j1939Demo(), DbcTestFiles.gnss(), DbcTestFiles.bodyController());
    }

    @ParameterizedTest
    @MethodSource("dbcFiles")
    void everySignalRoundTripsOnItsOwn(Path file) {
        DbcDatabase db = DbcTestFiles.parse(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        int checked = 0;
        for (DbcMessage message : db.messages()) {
            for (DbcSignal signal : message.signals()) {
                for (int round = 0; round < ROUNDS; round++) {
                    // The placeholder message declares 0 bytes; give each of its signals the room it needs.
                    byte[] payload = new byte[Math.max(message.length(), signal.codec().requiredBytes())];
                    random.nextBytes(payload);
                    long raw = randomRawInRange(signal, random);
                    double physical = signal.toPhysical(raw);

                    signal.encode(physical, payload);

                    assertSameValue(signal, raw, signal.decodeRaw(payload));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(0);
    }

    @ParameterizedTest
    @MethodSource("dbcFiles")
    void everyMessageRoundTripsWithAllItsSignals(Path file) {
        DbcDatabase db = DbcTestFiles.parse(file);
        Random random = new Random(~file.getFileName().toString().hashCode());
        for (DbcMessage message : db.messages()) {
            if (message.length() == 0) {
                continue;
            }
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, Double> values = new HashMap<>();
                Map<String, Long> raws = new HashMap<>();
                long selector = message.multiplexor().map(m -> randomRawInRange(m, random)).orElse(0L);
                for (DbcSignal signal : message.signals()) {
                    long raw = signal.isMultiplexor() ? selector : randomRawInRange(signal, random);
                    if (signal.isMultiplexor() || signal.isPresentFor(selector)) {
                        values.put(signal.name(), signal.toPhysical(raw));
                        raws.put(signal.name(), raw);
                    }
                }

                byte[] payload = message.encode(values);
                Map<String, SignalValue> decoded = message.decode(payload);
                double[] physical = new double[message.signals().size()];
                message.decodePhysical(payload, physical);
                for (int i = 0; i < physical.length; i++) {
                    SignalValue value = decoded.get(message.signals().get(i).name());
                    assertThat(physical[i]).isEqualTo(value == null ? Double.NaN : value.physical());
                }

                assertThat(decoded.keySet()).as(message.name()).containsExactlyInAnyOrderElementsOf(values.keySet());
                decoded.values().forEach(v -> assertSameValue(v.signal(), raws.get(v.name()), v.raw()));
            }
        }
    }

    /** Exact raw equality while doubles hold the raw value exactly; beyond 2^53 the physical values must agree. */
    private static void assertSameValue(DbcSignal signal, long expectedRaw, long actualRaw) {
        if (Math.abs((double) expectedRaw) < 0x1p52) {
            assertThat(actualRaw).as("%s", signal).isEqualTo(expectedRaw);
        } else {
            assertThat(signal.toPhysical(actualRaw)).as("%s", signal).isEqualTo(signal.toPhysical(expectedRaw));
        }
    }

    /** A raw value that fits the signal's bits and, if the file gives a range, maps into it. */
    static long randomRawInRange(DbcSignal signal, Random random) {
        int length = signal.length();
        boolean signed = signal.encoding() == SignalEncoding.SIGNED;
        double low = signed ? -Math.scalb(1.0, length - 1) : 0;
        double high = Math.scalb(1.0, signed ? length - 1 : length) - 1;
        if (signal.hasRange()) {
            double a = (signal.minimum() - signal.offset()) / signal.factor();
            double b = (signal.maximum() - signal.offset()) / signal.factor();
            low = Math.max(low, Math.ceil(Math.min(a, b) - 1e-9));
            high = Math.min(high, Math.floor(Math.max(a, b) + 1e-9));
        }
        if (high - low < 0x1p52) {
            long span = (long) (high - low) + 1;
            return (long) low + (span <= 0 ? random.nextLong() : Math.floorMod(random.nextLong(), span));
        }
        // Wide ranges (up to 64 bits): any bit pattern of the right length, sign-extended when signed.
        long raw = length == 64 ? random.nextLong() : random.nextLong() & ((1L << length) - 1);
        return signed && length < 64 ? (raw << (64 - length)) >> (64 - length) : raw;
    }
}
