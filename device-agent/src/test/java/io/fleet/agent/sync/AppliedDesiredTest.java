package io.fleet.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppliedDesiredTest {

    private final AppliedDesired applied = new AppliedDesired(3, "open", 1_000);

    @Test
    void anOlderOrEqualVersionIsAlreadyActedOn() {
        assertThat(applied.covers(3, "open", 1_000)).isTrue();
        assertThat(applied.covers(2, "closed", 900)).isTrue();
    }

    @Test
    void theSameDesiredChangeSeenAgainAtALaterVersionIsAlreadyActedOn() {
        assertThat(applied.covers(7, "open", 1_000)).isTrue();
    }

    @Test
    void aNewWriteIsActedOn() {
        assertThat(applied.covers(4, "open", 1_001)).isFalse();
        assertThat(applied.covers(4, "closed", 1_000)).isFalse();
    }

    @Test
    void aLowerVersionWithANewerTimestampIsAShadowThatStartedAgainNotAnOldDelta() {
        assertThat(applied.covers(1, "open", 2_000)).isFalse();
    }
}
