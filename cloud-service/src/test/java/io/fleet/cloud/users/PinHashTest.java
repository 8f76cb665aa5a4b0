package io.fleet.cloud.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinHashTest {

    @Test
    void aHashMatchesItsPinOnlyAndCarriesItsIterations() {
        String hash = PinHash.hash("0815", 1_000);

        assertThat(hash).startsWith("pbkdf2-sha256$1000$");
        assertThat(PinHash.matches("0815", hash)).isTrue();
        assertThat(PinHash.matches("0816", hash)).isFalse();
        assertThat(PinHash.matches("815", hash)).isFalse();
        assertThat(PinHash.hash("0815", 1_000)).as("salted").isNotEqualTo(hash);
    }

    @Test
    void onlyFourDigitsAreAPin() {
        assertThat(PinHash.isWellFormed("0000")).isTrue();
        for (String bad : new String[] {null, "", "123", "12345", "12a4", "１２３４"}) {
            assertThat(PinHash.isWellFormed(bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThatThrownBy(() -> PinHash.hash("99", 1_000)).hasMessage("pin must be exactly 4 digits (0-9)");
    }
}
