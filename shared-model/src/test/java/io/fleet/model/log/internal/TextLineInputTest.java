package io.fleet.model.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte line reader splits exactly as {@link BufferedReader#readLine()}, whatever the buffer boundaries. */
class TextLineInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a\n", "a\r", "a\r\n", "\n\n", "\r\r\n\n", "a\nb", "ab\r\ncd\n\ref\r", "\r\n"})
    void splitsLikeBufferedReader(String text) throws IOException {
        assertThat(lines(TextLineInput.of(stream(text, false), 2))).isEqualTo(readLines(text));
    }

    @Test
    void splitsRandomTextLikeBufferedReaderAcrossRefillsAndGrowth() throws IOException {
        Random random = new Random(1);
        char[] alphabet = {'a', 'b', ' ', '\n', '\r', '\u00e4'};
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(lines(TextLineInput.of(stream(s, true), 1 + random.nextInt(8)))).as(s).isEqualTo(readLines(s));
            assertThat(lines(TextLineInput.of(new StringReader(s)))).as(s).isEqualTo(readLines(s));
        }
    }

    @Test
    void lineViewMatchesStringOperations() {
        TextLine line = TextLine.of(" x(12) Can0 BEGIN\t");
        assertThat(line.indexOf(')', 0)).isEqualTo(5);
        assertThat(line.indexOf('#', 0)).isEqualTo(-1);
        assertThat(line.regionMatches(7, "Can0")).isTrue();
        assertThat(line.regionMatches(true, 12, "begin")).isTrue();
        assertThat(line.regionMatches(true, 15, "gin\t!")).isFalse();
        assertThat(line.substring(2, 6)).isEqualTo("(12)");
        assertThat(line.isBlank()).isFalse();
        assertThat(TextLine.of(" \t\u001c\u000b").isBlank()).isTrue();
        for (char c = 0; c <= 0xFF; c++) {
            assertThat(TextLine.isWhitespace(c)).as("char %d", (int) c).isEqualTo(Character.isWhitespace(c));
        }
    }

    private static List<String> lines(TextLineInput input) throws IOException {
        List<String> lines = new ArrayList<>();
        TextLine line;
        while ((line = input.next()) != null) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> readLines(String text) throws IOException {
        return new BufferedReader(new StringReader(text)).lines().toList();
    }

    /** A stream that may hand out one byte per read, to put line ends on every buffer boundary. */
    private static InputStream stream(String text, boolean trickle) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, trickle ? Math.min(len, 1) : len);
            }
        };
    }
}
