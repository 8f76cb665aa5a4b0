package io.fleet.rig.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuAffinityTest {

    @Test
    void aKernelCpuListIsReadWithItsRangesAndSingleCpus() {
        assertThat(CpuAffinity.parseList("0-3,6")).containsExactly(0, 1, 2, 3, 6);
        assertThat(CpuAffinity.parseList("1")).containsExactly(1);
        assertThat(CpuAffinity.parseList(" 0-1 , ")).containsExactly(0, 1);
    }

    @Test
    void aCpuThisProcessMayNotUseIsRefusedNamingTheCpusItMay() {
        assertThatThrownBy(() -> CpuAffinity.reserve(100_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--sender-cpu 100000")
                .hasMessageContaining("this process may run on CPUs");
    }
}
