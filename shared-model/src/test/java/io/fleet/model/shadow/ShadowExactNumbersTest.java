package io.fleet.model.shadow;

import static io.fleet.model.shadow.ShadowFixtures.T0;
import static io.fleet.model.shadow.ShadowFixtures.accept;
import static io.fleet.model.shadow.ShadowFixtures.shadowAfter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Numbers a device or app sends come back with the same value from every document and from storage: no
 * Infinity, no underflow to 0, no lost digits, no lost trailing zeros. (A {@code double} parse did all four.)
 */
class ShadowExactNumbersTest {

    private static final String HUGE = "1e400";
    private static final String TINY = "1e-400";
    private static final String LONG_DECIMAL = "123456789012345678901234567890.5";
    private static final String BIG_INTEGER = "123456789012345678901234567890123";

    @Test
    void theAcceptedDocumentCarriesEveryNumberWithItsValue() {
        UpdateResult result = accept(Optional.empty(), "{'state': {'desired': {'huge': " + HUGE + ", 'tiny': " + TINY
                + ", 'long': " + LONG_DECIMAL + ", 'int': " + BIG_INTEGER + ", 'scaled': 1.50}}}", T0);

        String accepted = new String(ShadowJson.bytes(result.accepted()), StandardCharsets.UTF_8);

        assertThat(accepted).doesNotContain("Infinity").contains("\"huge\":1E+400", "\"tiny\":1E-400",
                "\"long\":" + LONG_DECIMAL, "\"int\":" + BIG_INTEGER, "\"scaled\":1.50");
    }

    @Test
    void theStoredFormReadsBackTheExactValues() {
        StoredShadow shadow = shadowAfter("{'state': {'reported': {'huge': " + HUGE + ", 'tiny': " + TINY
                + ", 'long': " + LONG_DECIMAL + ", 'int': " + BIG_INTEGER + ", 'zeros': 100.0}}}");

        StoredShadow read = ShadowJson.readStored(ShadowJson.storedBytes(shadow));

        assertThat(read).isEqualTo(shadow);
        assertThat(value(read, "/huge")).isEqualByComparingTo(new BigDecimal(HUGE));
        assertThat(value(read, "/tiny")).isEqualByComparingTo(new BigDecimal(TINY)).isNotZero();
        assertThat(value(read, "/long")).isEqualTo(new BigDecimal(LONG_DECIMAL));
        assertThat(read.reported().at("/int").orElseThrow().bigIntegerValue()).isEqualTo(new BigInteger(BIG_INTEGER));
        assertThat(read.reported().at("/zeros").orElseThrow().toString()).isEqualTo("100.0");
    }

    @Test
    void numbersThatOnlyDifferBeyondDoublePrecisionAreADelta() {
        StoredShadow stored = shadowAfter("{'state': {'reported': {'tiny': 0, 'long': " + LONG_DECIMAL + "}}}");

        UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'tiny': " + TINY
                + ", 'long': 123456789012345678901234567890.6}}}", T0 + 5);

        JsonNode delta = result.delta().orElseThrow().state().toObjectNode();
        assertThat(delta.get("tiny").decimalValue()).isEqualByComparingTo(new BigDecimal(TINY));
        assertThat(delta.get("long").decimalValue()).isEqualTo(new BigDecimal("123456789012345678901234567890.6"));
    }

    @Test
    void equalValuesWrittenDifferentlyStillAreNoDelta() {
        StoredShadow stored = shadowAfter("{'state': {'reported': {'huge': 1E+400, 'one': 1}}}");

        UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'huge': 10e399, 'one': 1.000}}}",
                T0 + 5);

        assertThat(result.delta()).isEmpty();
    }

    private static BigDecimal value(StoredShadow shadow, String pointer) {
        return shadow.reported().at(pointer).orElseThrow().decimalValue();
    }
}
