package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesUnitsAndBareSeconds() {
        assertThat(Durations.parseNanos("250ms")).isEqualTo(250_000_000L);
        assertThat(Durations.parseNanos("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(Durations.parseNanos("2m")).isEqualTo(120_000_000_000L);
        assertThat(Durations.parseNanos("90us")).isEqualTo(90_000L);
        assertThat(Durations.parseNanos("3")).isEqualTo(3_000_000_000L);
    }

    @Test
    void windowsMayBeOpenOnEitherSide() {
        assertThat(Durations.parseWindow("10s..70s")).containsExactly(10_000_000_000L, 70_000_000_000L);
        assertThat(Durations.parseWindow("10s..")).containsExactly(10_000_000_000L, Long.MAX_VALUE);
        assertThat(Durations.parseWindow("..1m")).containsExactly(0L, 60_000_000_000L);
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> Durations.parseNanos("soon")).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> Durations.parseWindow("10s-20s")).hasMessageContaining("FROM..TO");
    }
}
