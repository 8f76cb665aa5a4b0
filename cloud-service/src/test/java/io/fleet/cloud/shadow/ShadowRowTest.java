package io.fleet.cloud.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.shadow.ShadowJson;
import io.fleet.model.shadow.StoredShadow;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShadowRowTest {

    private static final String DOCUMENT = "{\"state\":{\"reported\":{\"trunk\":\"open\"}},"
            + "\"metadata\":{\"reported\":{\"trunk\":{\"timestamp\":1800000000}}},"
            + "\"version\":3,\"timestamp\":1800000000}";

    @Test
    void aRowMadeFromAShadowHandsBackThatShadowWithoutParsingItsDocument() {
        StoredShadow shadow = ShadowJson.readStored(DOCUMENT.getBytes(StandardCharsets.UTF_8));

        ShadowRow row = ShadowRow.of(shadow);

        assertThat(row.shadow()).get().isSameAs(shadow);
        assertThat(row.version()).isEqualTo(3);
        assertThat(ShadowJson.readStored(row.document().getBytes(StandardCharsets.UTF_8))).isEqualTo(shadow);
    }

    @Test
    void aRowReadFromTheTableParsesItsDocumentOnceAndEqualsTheRowMadeFromTheSameShadow() {
        ShadowRow read = new ShadowRow(3, ShadowRow.of(ShadowJson.readStored(DOCUMENT.getBytes(StandardCharsets.UTF_8)))
                .document(), 1_800_000_000L);

        StoredShadow first = read.shadow().orElseThrow();

        assertThat(read.shadow()).get().isSameAs(first);
        assertThat(first.reported().toString()).contains("open");
        assertThat(read).isEqualTo(ShadowRow.of(first)).hasSameHashCodeAs(ShadowRow.of(first));
    }

    @Test
    void aTombstoneHoldsNoShadowAndKeepsItsVersionFor48Hours() {
        ShadowRow tombstone = ShadowRow.tombstone(7, 1_800_000_000L);

        assertThat(tombstone.shadow()).isEmpty();
        assertThat(tombstone.versionToContinue(1_800_000_000L + 47 * 3600)).isEqualTo(7);
        assertThat(tombstone.versionToContinue(1_800_000_000L + 48 * 3600)).isZero();
    }
}
