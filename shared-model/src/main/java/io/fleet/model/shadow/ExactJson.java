package io.fleet.model.shadow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson mappers that keep every JSON number exactly, for everyone who reads shadow documents or values bound
 * for a shadow (the shadow engine, the cloud service's vehicles and app API). Integers of any size already parse
 * to {@code int}, {@code long} or {@code BigInteger}; decimals parse to {@code BigDecimal} instead of
 * {@code double}, which would turn {@code 1e400} into Infinity (written back as the string "Infinity"),
 * {@code 1e-400} into 0.0 and drop digits beyond the 17th. Trailing zeros are kept: {@code 1.50} stays
 * {@code 1.50} and {@code 100.0} does not become {@code 1E+2}. A decimal is written back with
 * {@code BigDecimal.toString()}: the same value, in exponent form where its scale asks for it ({@code 1e400} comes
 * back as {@code 1E+400}).
 */
public final class ExactJson {

    private ExactJson() {
    }

    /** A new mapper of its own (callers may configure it further without touching anyone else's). */
    public static JsonMapper newMapper() {
        return builder().build();
    }

    static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }
}
