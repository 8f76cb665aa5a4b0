package io.fleet.rig.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job document names the rig's own outputs as rig://NAME, so one campaign fits rigs wired differently. */
class RigOutputsTest {

    @TempDir
    Path dir;

    @Test
    void rigNameIsTheRigsOwnOutputAndAnAddressStaysAsItIs() throws Exception {
        ReplayJob rig1 = new ReplayJob(List.of(), null, dir, dir, Map.of("A", "cannelloni://127.0.0.1:20101"));
        ReplayJob rig2 = new ReplayJob(List.of(), null, dir, dir, Map.of("A", "cannelloni://127.0.0.1:20102"));
        assertThat(rig1.address("A", "rig://A")).isEqualTo("cannelloni://127.0.0.1:20101");
        assertThat(rig2.address("A", "rig://A")).isEqualTo("cannelloni://127.0.0.1:20102");
        assertThat(rig1.address("B", "udp://10.0.0.2:5000")).isEqualTo("udp://10.0.0.2:5000");
    }

    @Test
    void anOutputTheRigDoesNotHaveRefusesTheJobNamingTheFieldAndTheRigsOutputs() {
        ReplayJob rig = new ReplayJob(List.of(), null, dir, dir, Map.of("A", "cannelloni://127.0.0.1:20101"));
        assertThatThrownBy(() -> rig.address("B", "rig://CAN2"))
                .isInstanceOf(ReplayJob.Refused.class)
                .hasMessage("outputs.B: rig://CAN2 names no output of this rig (its outputs: A)");
    }

    @Test
    void theDocumentAcceptsRigOutputs() throws Exception {
        JobDocument job = JobDocument.parse(Map.of("driveLog", "s3://drive-logs/raw/x.log",
                "outputs", Map.of("A", "rig://A")));
        assertThat(job.outputs()).containsEntry("A", "rig://A");
    }
}
