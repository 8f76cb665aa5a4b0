package io.fleet.rig.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayClockTest {

    @Test
    void spinnersThatFitBesideTwoSpareCoresSpinOthersYield() {
        assertThat(ReplayClock.systemFor(1, 2)).isSameAs(ReplayClock.systemYielding());
        assertThat(ReplayClock.systemFor(4, 2)).isSameAs(ReplayClock.systemYielding());
        assertThat(ReplayClock.systemFor(2, 4)).isSameAs(ReplayClock.system());
        assertThat(ReplayClock.systemFor(3, 4)).isSameAs(ReplayClock.systemYielding());
    }
}
