package io.fleet.model.shadow;

import static io.fleet.model.shadow.ShadowFixtures.CLASSIC;
import static io.fleet.model.shadow.ShadowFixtures.T0;
import static io.fleet.model.shadow.ShadowFixtures.accept;
import static io.fleet.model.shadow.ShadowFixtures.assertJson;
import static io.fleet.model.shadow.ShadowFixtures.object;
import static io.fleet.model.shadow.ShadowFixtures.shadowAfter;
import static io.fleet.model.shadow.ShadowFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Metadata of arrays as AWS IoT returns it: one entry per element ({@code {"timestamp": t}} for a scalar, the
 * element's own shape for an object or array), while the array itself is still compared and replaced whole.
 */
class ShadowArrayMetadataTest {

    private static final long T1 = T0 + 5;

    @Test
    void theAcceptedDocumentHasOneTimestampPerElementAndObjectElementsKeepTheirKeys() {
        UpdateResult result = accept(Optional.empty(), "{'state': {'reported': {'a': [1, 2, {'b': 3}]}}}", T0);

        assertJson(tree(result.accepted()).get("metadata"), "{'reported': {'a': [{'timestamp': " + T0 + "},"
                + " {'timestamp': " + T0 + "}, {'b': {'timestamp': " + T0 + "}}]}}");
    }

    @Test
    void theStoredShadowAndAGetCarryTheSameElementMetadata() {
        StoredShadow stored = shadowAfter("{'state': {'desired': {'m': [[1, 2], [], 'x']}}}");
        String expected = "{'m': [[{'timestamp': " + T0 + "}, {'timestamp': " + T0 + "}], [],"
                + " {'timestamp': " + T0 + "}]}";

        assertThat(stored.desiredMetadata()).isEqualTo(object(expected));
        GetAccepted get = new ShadowEngine().get(CLASSIC, Optional.of(stored), Optional.empty(), T1).value();
        assertJson(tree(get).get("metadata").get("desired"), expected);
        assertThat(ShadowJson.readStored(ShadowJson.storedBytes(stored))).isEqualTo(stored);
    }

    @Test
    void aShorterArrayReplacesTheWholeArrayAndItsMetadata() {
        StoredShadow stored = shadowAfter("{'state': {'reported': {'seq': [1, 2, 3]}}}");

        UpdateResult result = accept(Optional.of(stored), "{'state': {'reported': {'seq': [{'k': 9}]}}}", T1);

        assertThat(result.shadow().reported()).isEqualTo(object("{'seq': [{'k': 9}]}"));
        assertThat(result.shadow().reportedMetadata()).isEqualTo(object("{'seq': [{'k': {'timestamp': " + T1 + "}}]}"));
    }

    @Test
    void aDeltaOfAnArrayHoldsTheWholeDesiredArrayWithItsElementMetadata() {
        StoredShadow stored = shadowAfter("{'state': {'reported': {'seq': [1, 2, 3], 'same': [4]}}}");

        UpdateResult result = accept(Optional.of(stored),
                "{'state': {'desired': {'seq': [1, 2, 4], 'same': [4]}}}", T1);

        DeltaDocument delta = result.delta().orElseThrow();
        assertThat(delta.state()).isEqualTo(object("{'seq': [1, 2, 4]}"));
        assertThat(delta.metadata()).isEqualTo(object("{'seq': [{'timestamp': " + T1 + "}, {'timestamp': " + T1
                + "}, {'timestamp': " + T1 + "}]}"));
    }
}
