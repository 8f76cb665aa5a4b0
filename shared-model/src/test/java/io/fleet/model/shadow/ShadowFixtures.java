package io.fleet.model.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatObject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

/** Shared helpers for the shadow tests: JSON written with single quotes, a fixed clock, quick requests. */
final class ShadowFixtures {

    static final long T0 = 1_700_000_000L;
    static final ThingName THING = ThingName.of("lightbulb-1");
    static final ShadowId CLASSIC = ShadowId.classic(THING);

    /** JSON value equality: key order ignored, numbers by value (a parsed 5 is an int, the engine writes a long). */
    static final Comparator<JsonNode> SAME_VALUE = (a, b) -> JsonTrees.sameValue(a, b) ? 0 : 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShadowFixtures() {
    }

    /** Parses JSON written with single quotes, which keeps the examples in tests readable. */
    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    static ImmutableJsonObject object(String singleQuoted) {
        return ImmutableJsonObject.parse(singleQuoted.replace('\'', '"'));
    }

    static byte[] utf8(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static UpdateRequest request(String singleQuoted) {
        ShadowResult<UpdateRequest> parsed = new ShadowRequestParser().parseUpdate(utf8(singleQuoted), T0);
        assertThat(parsed.isAccepted()).as("fixture request parses: %s", singleQuoted).isTrue();
        return parsed.value();
    }

    /** Applies the update and asserts that it was accepted. */
    static UpdateResult accept(Optional<StoredShadow> current, String singleQuotedRequest, long now) {
        ShadowResult<UpdateResult> result = new ShadowEngine().update(current, request(singleQuotedRequest), now);
        assertThat(result.isAccepted()).as("update accepted: %s", singleQuotedRequest).isTrue();
        return result.value();
    }

    /** A shadow built by updates, one per element, each one second after the previous. */
    static StoredShadow shadowAfter(String... singleQuotedRequests) {
        Optional<StoredShadow> shadow = Optional.empty();
        long now = T0;
        for (String request : singleQuotedRequests) {
            shadow = Optional.of(accept(shadow, request, now++).shadow());
        }
        return shadow.orElseThrow();
    }

    /** Asserts the same JSON value as the single-quoted expectation (key order ignored, numbers by value). */
    static void assertJson(JsonNode actual, String expectedSingleQuoted) {
        assertThatObject(actual).usingComparator(SAME_VALUE).isEqualTo(json(expectedSingleQuoted));
    }

    static ObjectNode tree(ShadowResponse response) {
        return ShadowJson.tree(response);
    }

    static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }
}
