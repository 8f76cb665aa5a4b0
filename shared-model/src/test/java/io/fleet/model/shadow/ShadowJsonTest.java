package io.fleet.model.shadow;

import static io.fleet.model.shadow.ShadowFixtures.CLASSIC;
import static io.fleet.model.shadow.ShadowFixtures.T0;
import static io.fleet.model.shadow.ShadowFixtures.accept;
import static io.fleet.model.shadow.ShadowFixtures.shadowAfter;
import static io.fleet.model.shadow.ShadowFixtures.tree;
import static io.fleet.model.shadow.ShadowFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Output documents in AWS's field order, the stored form, and immutability of what goes in and out.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html (document formats)
 */
class ShadowJsonTest {

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void getAcceptedFieldsComeInAwsOrder() {
        StoredShadow shadow = shadowAfter("{'state': {'reported': {'a': 1}}}", "{'state': {'desired': {'a': 2}}}");
        ObjectNode get = tree(new ShadowEngine().get(CLASSIC, Optional.of(shadow), Optional.of(ClientToken.of("t")),
                T0 + 5).value());

        assertThat(fieldNames(get)).containsExactly("state", "metadata", "version", "timestamp", "clientToken");
        assertThat(fieldNames(get.get("state"))).containsExactly("desired", "reported", "delta");
        assertThat(fieldNames(get.get("metadata"))).containsExactly("desired", "reported");
    }

    @Test
    void updateAcceptedAndDeltaFieldsComeInAwsOrder() {
        UpdateResult result = accept(Optional.empty(), "{'clientToken': 't', 'state': {'desired': {'a': 1}}}", T0);
        assertThat(fieldNames(tree(result.accepted())))
                .containsExactly("state", "metadata", "version", "timestamp", "clientToken");
        assertThat(fieldNames(tree(result.delta().orElseThrow())))
                .containsExactly("state", "metadata", "version", "timestamp", "clientToken");
        assertThat(fieldNames(tree(result.documents()))).containsExactly("current", "timestamp", "clientToken");
    }

    @Test
    void errorDocumentIsCodeMessageTimestampClientToken() {
        ShadowError error = ShadowError.of(ShadowErrorType.VERSION_CONFLICT, 1591057529L,
                Optional.of(ClientToken.of("abc")));
        assertThat(new String(ShadowJson.bytes(error), StandardCharsets.UTF_8)).isEqualTo(
                "{\"code\":409,\"message\":\"Version conflict\",\"timestamp\":1591057529,\"clientToken\":\"abc\"}");
    }

    @Test
    void theStoredFormReadsBackToAnEqualShadow() {
        StoredShadow shadow = shadowAfter("{'state': {'desired': {'lights': {'color': 'RED'}, 'seq': [1, 2.5]},"
                + " 'reported': {'lights': {'color': 'GREEN'}}}}", "{'state': {'reported': {'engine': 'ON'}}}");

        StoredShadow read = ShadowJson.readStored(ShadowJson.storedBytes(shadow));

        assertThat(read).isEqualTo(shadow);
        assertThat(read.delta()).isEqualTo(shadow.delta());
    }

    @Test
    void readStoredRejectsWhatIsNotAStoredShadow() {
        assertThatThrownBy(() -> ShadowJson.readStored(utf8("{'state': {}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShadowJson.readStored(utf8("[")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changingAReturnedTreeChangesNothingInside() {
        UpdateResult result = accept(Optional.empty(), "{'state': {'desired': {'color': 'red'}}}", T0);
        ObjectNode first = tree(result.accepted());
        ((ObjectNode) first.get("state").get("desired")).put("color", "hacked");
        result.shadow().desired().toObjectNode().put("color", "hacked");

        assertThat(tree(result.accepted()).get("state").get("desired").get("color").asText()).isEqualTo("red");
        assertThat(result.shadow().desired().at("/color").orElseThrow().asText()).isEqualTo("red");
    }

    @Test
    void changingTheTreeAnImmutableObjectWasCopiedFromChangesNothing() {
        ObjectNode source = (ObjectNode) ShadowFixtures.json("{'color': 'red'}");
        ImmutableJsonObject copy = ImmutableJsonObject.copyOf(source);
        source.put("color", "blue");
        assertThat(copy.at("/color").orElseThrow().asText()).isEqualTo("red");
    }
}
