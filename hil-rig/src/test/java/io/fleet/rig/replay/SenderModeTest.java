package io.fleet.rig.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderModeTest {

    @Test
    void autoGivesEachOutputAThreadOnlyWhileACoreIsLeftOver() {
        assertThat(SenderMode.AUTO.resolve(1, 2)).isEqualTo(SenderMode.PER_OUTPUT);
        assertThat(SenderMode.AUTO.resolve(2, 2)).isEqualTo(SenderMode.SHARED);
        assertThat(SenderMode.AUTO.resolve(4, 2)).isEqualTo(SenderMode.SHARED);
        assertThat(SenderMode.AUTO.resolve(4, 8)).isEqualTo(SenderMode.PER_OUTPUT);
    }

    @Test
    void anExplicitModeStaysAndCountsItsBusyThreads() {
        assertThat(SenderMode.SHARED.resolve(1, 64)).isEqualTo(SenderMode.SHARED);
        assertThat(SenderMode.PER_OUTPUT.resolve(16, 2)).isEqualTo(SenderMode.PER_OUTPUT);
        assertThat(SenderMode.SHARED.senderThreads(4)).isEqualTo(1);
        assertThat(SenderMode.PER_OUTPUT.senderThreads(4)).isEqualTo(4);
        assertThat(SenderMode.PER_OUTPUT).hasToString("per-output");
    }
}
