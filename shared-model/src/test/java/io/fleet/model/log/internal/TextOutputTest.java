package io.fleet.model.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte formatter writes what the String conversions it replaced wrote. */
class TextOutputTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 255, 2047, 0x1FFF_FFFF, Integer.MAX_VALUE, -1, -12345, Long.MAX_VALUE,
        Long.MIN_VALUE})
    void formatsNumbersAsTheJdkDoes(long value) {
        assertThat(output().appendDecimal(value)).hasToString(Long.toString(value));
        int asInt = (int) value;
        assertThat(output().appendHex(asInt)).hasToString(Integer.toHexString(asInt).toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 11, 12})
    void padsFieldsInPlace(int width) {
        String left = output().append("ab").appendDecimal(42).padLeft(2, width).toString();
        String right = output().append("ab").appendDecimal(42).padRight(2, width).append('|').toString();
        assertThat(left).isEqualTo("ab" + " ".repeat(Math.max(0, width - 2)) + "42");
        assertThat(right).isEqualTo("ab42" + " ".repeat(Math.max(0, width - 2)) + "|");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 200_000})
    void writesLinesThroughToAWriterAsLatin1(int lines) throws IOException {
        StringWriter text = new StringWriter();
        try (TextOutput out = TextOutput.of(text)) {
            for (int i = 0; i < lines; i++) {
                out.append("M\u00e4rz ").appendPadded(i, 6).append('\u20ac').endLine();
            }
        }
        assertThat(text.toString()).hasLineCount(lines).startsWith("M\u00e4rz 000000?\n")
                .endsWith(String.format("M\u00e4rz %06d?%n", lines - 1));
    }

    private static TextOutput output() {
        return new TextOutput(OutputStream.nullOutputStream());
    }
}
