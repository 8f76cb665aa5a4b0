package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CachePlanCommandTest {

    @Test
    void printsThroughputAndCacheSizeByTheFieldNotesFormulas() {
        CliRun run = CliRun.of("cache", "plan", "--dataset-gb", "10000", "--link-gbps", "40", "--window-days", "14");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("1209600 s", "required link throughput: 0.066 Gbps",
                "moves 6048000 GB", "local cache needed: 0 GB", "the link alone suffices");
    }

    @Test
    void aSlowLinkNeedsTheRestOfTheDatasetCached() {
        CliRun run = CliRun.of("cache", "plan", "--dataset-gb", "10000000", "--link-gbps", "40", "--window-days", "14");

        assertThat(run.out()).contains("required link throughput: 66.138 Gbps", "local cache needed: 3952000 GB");
    }

    @Test
    void rejectsANonPositiveWindowWithTheOptionName() {
        CliRun run = CliRun.of("cache", "plan", "--dataset-gb", "1", "--link-gbps", "1", "--window-days", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--window-days must be > 0");
    }
}
