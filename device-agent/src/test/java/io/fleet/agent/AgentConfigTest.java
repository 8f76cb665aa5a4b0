package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentConfigTest {

    @TempDir
    Path dir;

    @Test
    void yamlKeysAreOverriddenByFlagsAndDefaultsFillTheRest() throws Exception {
        Path yaml = dir.resolve("agent.yaml");
        Files.writeString(yaml, "thing: car-7\nendpoint: example.iot.eu-west-1.amazonaws.com\ncert: c.pem\n"
                + "key: k.pem\nca: ca.pem\nwindowTravelMs: 500\n");
        AgentConfig flags = AgentConfig.empty().overriddenBy(new AgentConfig(null, "localhost", 1883, null, null,
                null, null, null, null, null, null, null, null, null, null, null));
        AgentConfig config = AgentConfig.load(yaml).overriddenBy(flags).validated();
        assertThat(config.thing()).isEqualTo("car-7");
        assertThat(config.endpoint()).isEqualTo("localhost");
        assertThat(config.port()).isEqualTo(1883);
        assertThat(config.windowTravelMs()).isEqualTo(500);
        assertThat(config.trunkTravelMs()).isEqualTo(2000);
        assertThat(config.adapter()).isEqualTo("simulated");
        assertThat(config.journalDir()).isEqualTo(Path.of("agent-data", "car-7"));
    }

    @Test
    void missingOrUnknownKeysAreNamed() throws Exception {
        assertThatThrownBy(() -> AgentConfig.empty().validated()).hasMessageContaining("--thing");
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "thing: car-7\nendpiont: typo\n");
        assertThatThrownBy(() -> AgentConfig.load(yaml)).hasMessageContaining("endpiont")
                .hasMessageContaining(yaml.toString());
    }

    @Test
    void driveProfileStepsAreParsedAndBadOnesNamed() {
        AgentConfig base = new AgentConfig("car-9", "localhost", null, Path.of("c"), Path.of("k"), Path.of("ca"),
                null, null, null, null, null, null, null, null, null, java.util.List.of("5000:0", "60000:30"))
                .validated();
        assertThat(base.simulation().driveProfile()).extracting(s -> s.speedKmh()).containsExactly(0, 30);
        AgentConfig bad = base.overriddenBy(new AgentConfig(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, java.util.List.of("fast")));
        assertThatThrownBy(bad::simulation).hasMessageContaining("'fast'").hasMessageContaining("--drive-profile");
    }

    @Test
    void runWithoutRequiredFlagsExitsWithUsageError() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new AgentMain()).setErr(new PrintWriter(err))
                .execute("run", "--thing", "car-8", "--endpoint", "localhost");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("missing 'cert (--cert)'");
    }
}
