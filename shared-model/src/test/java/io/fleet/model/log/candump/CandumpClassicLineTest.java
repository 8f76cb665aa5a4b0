package io.fleet.model.log.candump;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.internal.TextLine;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path takes only lines the general parser reads as the same frame, without error. */
class CandumpClassicLineTest {

    private static final String[] PIECES = {" ", "  ", "\t", "#", "##", "_", ".", "R", "T", "r", "x", "0", "7", "F",
        "f", "G", "800", "7FF", "1FFFFFFF", "20000000", "FFFFFFFF", "12345678", "AB", "ABC", "0011223344556677",
        "001122334455667788", "can0", "vcan1", ")", "(", "1.5", "-2"};

    @ParameterizedTest
    @ValueSource(strings = {"(1436509052.249713) vcan0 044#2A366C2BBA", "(1.5) can0 12345678# T",
        "(1.5)   can_front   7FF#0011223344556677   R", "(-2) x 000#ab ", "(0) c 1FFFFFFF#"})
    void readsCanonicalLinesAsTheGeneralParser(String text) {
        assertThat(fast(text)).isNotNull().isEqualTo(general(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(1.5) can0 123#R", "(1.5) can0 123##1AB", "(1.5) can0 20000080#0000000000000000",
        "(1.5) can0 800#00", "(1.5) can0 123#001122334455667788", "(1.5) can0 123#00.11", "(1.5) can0 123#ABC",
        "(1.5) can0 123#1122334455667788_9", "(1.5) can0 123#00 X", "(1.5)can0 123#00", "(1.5) can0", "", " (1) a 1#"})
    void declinesWhatItDoesNotReadTheSameWay(String text) {
        assertThat(new CandumpClassicLine().read(TextLine.of(text), new CandumpInterfaces(Map.of()))).isFalse();
    }

    @Test
    void agreesWithTheGeneralParserOnRandomLines() {
        Random random = new Random(5);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = mutate(random);
            CanFrame fast;
            try {
                fast = fast(text);
            } catch (IllegalArgumentException e) {
                continue; // a bad timestamp, which the general parser fails on first
            }
            if (fast != null) {
                taken++;
                assertThat(general(text)).as(text).isEqualTo(fast);
            }
        }
        assertThat(taken).isGreaterThan(1_000);
    }

    /** A canonical line with one or two pieces replaced or inserted. */
    private static String mutate(Random random) {
        String[] parts = {"(", "1436509052.249713", ")", " ", "vcan0", " ", "044", "#", "2A366C2BBA", "", ""};
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            int at = random.nextInt(parts.length);
            String piece = PIECES[random.nextInt(PIECES.length)];
            parts[at] = random.nextBoolean() ? piece : parts[at] + piece;
        }
        return String.join("", parts);
    }

    private static CanFrame fast(String text) {
        CandumpClassicLine line = new CandumpClassicLine();
        return line.read(TextLine.of(text), new CandumpInterfaces(Map.of())) ? line.frame() : null;
    }

    private static CanFrame general(String text) {
        CanFrame frame = new CandumpLineCodec().parse(TextLine.of(text), new CandumpInterfaces(Map.of()));
        return frame == CandumpLineCodec.NOT_A_FRAME ? null : frame;
    }
}
