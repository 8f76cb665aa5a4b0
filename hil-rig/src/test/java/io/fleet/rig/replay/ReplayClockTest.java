package io.fleet.rig.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayClockTest {

    private final int cores = Runtime.getRuntime().availableProcessors();

    @Test
    void spinnersThatFitBesideOneSpareCoreSpinOthersYield() {
        assertThat(ReplayClock.systemFor(cores)).isSameAs(ReplayClock.systemYielding());
        assertThat(ReplayClock.systemFor(cores + 3)).isSameAs(ReplayClock.systemYielding());
        if (cores > 1) {
            assertThat(ReplayClock.systemFor(cores - 1)).isSameAs(ReplayClock.system());
        }
    }
}
