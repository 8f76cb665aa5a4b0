package io.fleet.rig.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.rig.dut.DutSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DUT probe of the health check against the real DUT simulator over cannelloni on loopback. */
class RigHealthTest {

    @Test
    void theProbeIsHealthyWhenTheDutAnswersAndNamesProbeTimeoutAndOutputWhenItDoesNot() throws Exception {
        try (DutSimulator dut = DutSimulator.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String output = "A=cannelloni://127.0.0.1:" + dut.address().getPort();
            assertThat(new RigHealth(List.of(output), RigHealth.parseProbe("7E0#0210030000000000"),
                    Duration.ofSeconds(5)).check()).isNull();
            assertThat(new RigHealth(List.of(output), RigHealth.parseProbe("7DF#01"), Duration.ofMillis(300))
                    .check()).isEqualTo("the DUT did not answer the probe 7DF#01 within 300 ms on output " + output);
        }
    }

    @Test
    void aBadProbeIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> RigHealth.parseProbe("7E0")).hasMessageStartingWith("--dut-probe '7E0' must be");
        assertThatThrownBy(() -> RigHealth.parseProbe("7E0#ABC")).hasMessageContaining("ID#DATA");
        assertThatThrownBy(() -> RigHealth.parseProbe("XYZ#00")).hasMessageStartingWith("--dut-probe 'XYZ#00'");
        assertThatThrownBy(() -> new RigHealth(List.of(), RigHealth.parseProbe("7E0#01"), Duration.ofSeconds(1)))
                .hasMessageContaining("needs an --output");
    }
}
