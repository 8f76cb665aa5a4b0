package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.SenderMode;
import org.junit.jupiter.api.Test;

class SenderOptionsTest {

    private final int cores = Runtime.getRuntime().availableProcessors();

    private static SenderOptions defaults() {
        SenderOptions options = new SenderOptions();
        options.senders = SenderMode.AUTO;
        options.spin = SpinStyle.AUTO;
        options.spinMicros = 150;
        return options;
    }

    @Test
    void autoSpinGoesBySenderThreadsSoTheOneSharedSenderOfManyBusesPauses() {
        assumeTrue(cores > 1, "needs 2 cores: one for the sender, one for the rest");
        SenderOptions options = defaults();

        assertThat(options.clock(cores + 2)).isSameAs(ReplayClock.system());
        assertThat(options.describe(cores + 2)).isEqualTo("shared senders, pause-spin 150 us");
        assertThat(options.clock(1)).isSameAs(ReplayClock.system());
    }

    @Test
    void perOutputSendersThatLeaveNoSpareCoreYield() {
        SenderOptions options = defaults();
        options.senders = SenderMode.PER_OUTPUT;

        assertThat(options.clock(cores)).isSameAs(ReplayClock.systemYielding());
        assertThat(options.describe(cores)).contains("yield-spin");
    }
}
