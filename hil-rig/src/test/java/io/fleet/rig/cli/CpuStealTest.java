package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuStealTest {

    @Test
    void stealIsTheShareOfAllCpuTimeBetweenTwoReadings() {
        // user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
        CpuSteal before = CpuSteal.parse("cpu  1000 0 500 8000 100 0 50 350 40 0");
        CpuSteal after = CpuSteal.parse("cpu  1500 0 700 8100 100 0 150 450 90 0");

        assertThat(before).isEqualTo(new CpuSteal(350, 10000));
        assertThat(after.percentSince(before)).isEqualTo("10.0 %");
    }

    @Test
    void noElapsedTimeReadsAsUnknown() {
        CpuSteal same = CpuSteal.parse("cpu 1 2 3 4 5 6 7 8");

        assertThat(same.percentSince(same)).isEqualTo("n/a");
        assertThat(new CpuSteal(0, 0).percentSince(new CpuSteal(0, 0))).isEqualTo("n/a");
    }

    @Test
    void aLineThatIsNotTheAggregateCpuLineIsRefusedWithTheLine() {
        assertThatThrownBy(() -> CpuSteal.parse("cpu0 1 2 3 4 5 6 7 8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu0 1 2 3");
    }
}
