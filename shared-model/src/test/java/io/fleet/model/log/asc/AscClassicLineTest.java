package io.fleet.model.log.asc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.internal.LineTokens;
import io.fleet.model.log.internal.TextLine;
import io.fleet.model.log.internal.TextNumbers;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path takes only lines the general parser reads as the same frame, without error. */
class AscClassicLineTest {

    private static final String[] PIECES = {" ", "  ", "\t", "\u001c", "0", "1", "7", "8", "9", "F", "f", "x", "X",
        "Rx", "Tx", "rx", "TxRq", "d", "D", "r", "8", "12", "FF", "1FFFFFFF", "20000000", "7FF", "800", "-", ".",
        "0.000125", "CANFD", "Length", "=", "ErrorFrame", "123456", "12345", "G", "0.5x"};

    @ParameterizedTest
    @ValueSource(strings = {"   0.000125 2  DFE2A22x        Rx   d 8 77 0D 65 D6 70 E5 8E 03",
        "17.876708 1  6F9             Tx   D 3 5 0C 0", "1 12345 7FF Rx d 8 1 2 3 4 5 6 7 8 Length = 1",
        "-0.5 1 0 Rx d 0", "2.0\t3\t1FFFFFFFx\tRx\td\t1\tAB"})
    void readsCanonicalLinesAsTheGeneralParser(String text) {
        assertThat(fast(text)).isNotNull().isEqualTo(general(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0 1 123 TxRq d 1 01", "1.0 1 123 Rx r", "1.0 CANFD 1 Rx 123 1 0 8 8 1 2 3 4 5 6 7 8",
        "1.0 1 800 Rx d 1 01", "1.0 1 123 Rx d 2 01", "1.0 1 123 Rx d 1 0x1", "1.0 123456 1 Rx d 0",
        "1.0 1 ErrorFrame", "date Tue Nov 14 22:13:20 2023", "", "   ", "// 1.0 1 123 Rx d 0",
        "1 12345 7FF Rx d F 1 2 3 4 5 6 7 8"}) // a raw DLC 9-F: the general parser keeps it (CanFrame.len8Dlc)
    void declinesWhatItDoesNotReadTheSameWay(String text) {
        assertThat(new AscClassicLine().read(TextLine.of(text))).isFalse();
    }

    @Test
    void badTimestampsFailAsInTheGeneralParser() {
        assertThatThrownBy(() -> new AscClassicLine().read(TextLine.of("1.0000000001 1 123 Rx d 0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad timestamp '1.0000000001'");
    }

    @Test
    void agreesWithTheGeneralParserOnRandomLines() {
        Random random = new Random(11);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = i % 2 == 0 ? mutate(random) : compose(random);
            CanFrame fast;
            try {
                fast = fast(text);
            } catch (IllegalArgumentException e) {
                continue; // a bad timestamp: the general parser fails on it first, as tested above
            }
            if (fast != null) {
                taken++;
                assertThat(general(text)).as(text).isEqualTo(fast);
            }
        }
        assertThat(taken).isGreaterThan(1_000);
    }

    /** A canonical line with one piece replaced, inserted or removed. */
    private static String mutate(Random random) {
        String[] tokens = ("0.000125 2 DFE2A22x Rx d 8 77 0D 65 D6 70 E5 8E 03").split(" ");
        StringBuilder text = new StringBuilder();
        int changed = random.nextInt(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            String token = i == changed ? PIECES[random.nextInt(PIECES.length)] : tokens[i];
            text.append(token).append(random.nextInt(5) == 0 ? "  " : " ");
        }
        return random.nextBoolean() ? text.toString().strip() : text.toString();
    }

    private static String compose(Random random) {
        StringBuilder text = new StringBuilder("1.5 ");
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]).append(' ');
        }
        return text.toString();
    }

    private static CanFrame fast(String text) {
        AscClassicLine line = new AscClassicLine();
        return line.read(TextLine.of(text)) ? line.frame(line.offsetNanos()) : null;
    }

    private static CanFrame general(String text) {
        LineTokens t = new LineTokens().split(TextLine.of(text));
        long time = TextNumbers.parseSecondsToNanos(t.line(), t.start(0), t.end(0));
        return new AscFrameParser().parse(t, time);
    }
}
