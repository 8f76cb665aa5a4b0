package io.fleet.model.shadow;

import static io.fleet.model.shadow.ShadowFixtures.CLASSIC;
import static io.fleet.model.shadow.ShadowFixtures.T0;
import static io.fleet.model.shadow.ShadowFixtures.THING;
import static io.fleet.model.shadow.ShadowFixtures.assertJson;
import static io.fleet.model.shadow.ShadowFixtures.request;
import static io.fleet.model.shadow.ShadowFixtures.shadowAfter;
import static io.fleet.model.shadow.ShadowFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Get and delete.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-data-flow.html (retrieving, deleting)
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html (example document)
 * 404 wording as AWS IoT sends it:
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-error-messages.html
 * and the get/rejected example in https://docs.aws.amazon.com/iot/latest/developerguide/iot-shadows-tutorial.html
 */
class ShadowEngineGetDeleteTest {

    private static final Optional<ClientToken> TOKEN = Optional.of(ClientToken.of("req-1"));

    private final ShadowEngine engine = new ShadowEngine();

    @Test
    void getOfAMissingClassicShadowIs404NamingTheThing() {
        ShadowError error = engine.get(CLASSIC, Optional.empty(), TOKEN, T0).error();
        assertThat(new String(ShadowJson.bytes(error), StandardCharsets.UTF_8)).isEqualTo("{\"code\":404,"
                + "\"message\":\"No shadow exists with name: 'lightbulb-1'\",\"timestamp\":" + T0 + ","
                + "\"clientToken\":\"req-1\"}");
    }

    @Test
    void getOfAMissingNamedShadowIs404NamingThingAndShadow() {
        ShadowId named = ShadowId.named(THING, ShadowName.of("doors"));
        assertThat(engine.get(named, Optional.empty(), Optional.empty(), T0).error().message())
                .isEqualTo("No shadow exists with name: 'lightbulb-1~doors'");
    }

    @Test
    void getReturnsDesiredReportedDeltaAndMetadataOfTheGuidesExampleDocument() {
        StoredShadow example = shadowAfter(
                "{'state': {'desired': {'color': 'RED', 'sequence': ['RED', 'GREEN', 'BLUE']}}}",
                "{'state': {'reported': {'color': 'GREEN'}}}");

        GetAccepted get = engine.get(CLASSIC, Optional.of(example), TOKEN, T0 + 100).value();

        // The guide's example shows one timestamp for 'sequence'; AWS IoT itself returns one per element.
        String each = "{'timestamp': " + T0 + "}";
        assertJson(tree(get), "{"
                + "'state': {'desired': {'color': 'RED', 'sequence': ['RED', 'GREEN', 'BLUE']},"
                + "  'reported': {'color': 'GREEN'},"
                + "  'delta': {'color': 'RED', 'sequence': ['RED', 'GREEN', 'BLUE']}},"
                + "'metadata': {'desired': {'color': " + each + ", 'sequence': [" + each + ", " + each + ", " + each
                + "]}, 'reported': {'color': {'timestamp': " + (T0 + 1) + "}}},"
                + "'version': 2, 'timestamp': " + (T0 + 100) + ", 'clientToken': 'req-1'}");
    }

    @Test
    void getLeavesOutTheDeltaWhenDesiredMatchesReported() {
        StoredShadow inSync =
                shadowAfter("{'state': {'desired': {'color': 'green'}, 'reported': {'color': 'green'}}}");
        GetAccepted get = engine.get(CLASSIC, Optional.of(inSync), Optional.empty(), T0 + 1).value();
        assertThat(tree(get).get("state").has("delta")).isFalse();
        assertThat(tree(get).has("clientToken")).isFalse();
    }

    @Test
    void deleteAnswersWithTheDeletedVersionAndTimestamp() {
        StoredShadow v4 = shadowAfter("{'state': {'reported': {'a': 1}}}", "{'state': {'reported': {'a': 2}}}",
                "{'state': {'reported': {'a': 3}}}", "{'state': {'reported': {'a': 4}}}");

        DeleteAccepted deleted = engine.delete(CLASSIC, Optional.of(v4), OptionalLong.empty(), Optional.empty(),
                1591057529L).value();

        assertThat(new String(ShadowJson.bytes(deleted))).isEqualTo("{\"version\":4,\"timestamp\":1591057529}");
    }

    @Test
    void afterADeleteGetIs404() {
        StoredShadow stored = shadowAfter("{'state': {'reported': {'a': 1}}}");
        Optional<StoredShadow> store = Optional.of(stored);

        assertThat(engine.delete(CLASSIC, store, OptionalLong.empty(), TOKEN, T0 + 1).isAccepted()).isTrue();
        store = Optional.empty(); // the caller removes the shadow on delete/accepted

        assertThat(engine.get(CLASSIC, store, TOKEN, T0 + 2).error().code()).isEqualTo(404);
    }

    /** "the version number of the new device shadow document will follow that of the deleted one" (data flow). */
    @Test
    void aShadowCreatedAgainAfterADeleteContinuesTheDeletedVersion() {
        UpdateRequest create = request("{'state': {'reported': {'a': 1}}}");
        UpdateResult again = engine.update(Optional.empty(), 4, create, T0 + 5).value();
        assertThat(again.shadow().version()).isEqualTo(5);
        assertThat(again.accepted().version()).isEqualTo(5);

        UpdateRequest expectsFour = request("{'state': {'reported': {'a': 1}}, 'version': 4}");
        assertThat(engine.update(Optional.empty(), 4, expectsFour, T0 + 5).value().shadow().version()).isEqualTo(5);
        UpdateRequest expectsZero = request("{'state': {'reported': {'a': 1}}, 'version': 0}");
        assertThat(engine.update(Optional.empty(), 4, expectsZero, T0 + 5).error().code()).isEqualTo(409);
        assertThat(engine.update(Optional.empty(), create, T0 + 5).value().shadow().version())
                .as("never deleted, or deleted over 48 hours ago").isEqualTo(1);
    }

    @Test
    void deleteOfAMissingShadowIs404() {
        ShadowError error = engine.delete(CLASSIC, Optional.empty(), OptionalLong.empty(), TOKEN, T0).error();
        assertThat(error.code()).isEqualTo(404);
        assertThat(error.clientToken()).isEqualTo(TOKEN);
    }

    @Test
    void deleteWithAnotherVersionIs409AndWithTheStoredVersionIsAccepted() {
        StoredShadow v1 = shadowAfter("{'state': {'reported': {'a': 1}}}");
        ShadowError conflict = engine.delete(CLASSIC, Optional.of(v1), OptionalLong.of(2), TOKEN, T0).error();
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.message()).isEqualTo("Version conflict");
        assertThat(engine.delete(CLASSIC, Optional.of(v1), OptionalLong.of(1), TOKEN, T0).value().clientToken())
                .isEqualTo(TOKEN);
    }
}
