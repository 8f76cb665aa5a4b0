package io.fleet.rig.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputSpecTest {

    @Test
    void parsesNameSchemeHostPortAndParameters() {
        OutputSpec spec = OutputSpec.parse("A=cannelloni://10.0.0.5:20000?local=20001&batch=8", "out1");

        assertThat(spec.name()).isEqualTo("A");
        assertThat(spec.scheme()).isEqualTo("cannelloni");
        assertThat(spec.host()).isEqualTo("10.0.0.5");
        assertThat(spec.port()).isEqualTo(20000);
        assertThat(spec.intParam("local", 0)).isEqualTo(20001);
        assertThat(spec.intParam("batch", 16)).isEqualTo(8);
    }

    @Test
    void unnamedOutputsGetTheDefaultNameAndFlagsDefaultToTrue() {
        OutputSpec spec = OutputSpec.parse("udp://239.1.1.1:30490?keepPort", "out2");

        assertThat(spec.name()).isEqualTo("out2");
        assertThat(spec.flag("keepPort")).isTrue();
        assertThat(OutputSpec.parse("socketcan://vcan0?fd=true", "x").host()).isEqualTo("vcan0");
    }

    @Test
    void unknownSchemesAreRejectedWithTheChoices() {
        assertThatThrownBy(() -> BusOutputs.open(OutputSpec.parse("tcp://h:1", "o")))
                .hasMessageContaining("use cannelloni://, udp://, socketcan:// or loopback://");
    }
}
