package io.fleet.cloud.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunWindowTest {

    private static final Instant FIRST = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aUtcWindowBecomesSeekAndSecondsFromTheFirstFrame() {
        assertThat(RunWindow.between(FIRST, FIRST.plusMillis(12_500), FIRST.plusSeconds(20)))
                .isEqualTo(new RunWindow(12.5, 7.5));
    }

    @Test
    void aScenarioGetsFiveSecondsOfMarginButNeverStartsBeforeTheFirstFrame() {
        assertThat(RunWindow.aroundScenario(FIRST, FIRST.plusSeconds(30), FIRST.plusSeconds(34)))
                .isEqualTo(new RunWindow(25, 14));
        assertThat(RunWindow.aroundScenario(FIRST, FIRST.plusSeconds(2), FIRST.plusSeconds(4)))
                .isEqualTo(new RunWindow(0, 9));
    }
}
