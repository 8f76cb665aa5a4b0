package io.fleet.model.log.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "1436509052.249713, 1436509052249713000",
        "1436509052.249713123, 1436509052249713123",
        "2.5010, 2501000000",
        "0, 0",
        "7., 7000000000",
        "-0.000001, -1000",
        "9223372035.999999999, 9223372035999999999",
    })
    void parsesDecimalSecondsExactly(String text, long nanos) {
        assertThat(TextNumbers.parseSecondsToNanos(text, 0, text.length())).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".5", "1.0000000001", "1,5", "99999999999.0", "9223372037.0", "-"})
    void rejectsMalformedOrOverflowingSeconds(String text) {
        assertThatThrownBy(() -> TextNumbers.parseSecondsToNanos(text, 0, text.length()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
    }

    @ParameterizedTest
    @CsvSource({"1436509052249713000, 6, 1436509052.249713", "2501000000, 9, 2.501000000", "-1000, 6, -0.000001"})
    void formatsSeconds(long nanos, int digits, String expected) {
        assertThat(new TextOutput(OutputStream.nullOutputStream()).appendSeconds(nanos, digits)).hasToString(expected);
    }
}
