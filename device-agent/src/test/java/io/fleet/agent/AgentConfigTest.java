package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
                null, null, null, null, null, null, null, null, null, null, null, null, null));
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
                null, null, null, null, null, null, null, null, null, List.of("5000:0", "60000:30"), null, null)
                .validated();
        assertThat(base.simulation().driveProfile()).extracting(s -> s.speedKmh()).containsExactly(0, 30);
        AgentConfig bad = base.overriddenBy(new AgentConfig(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, List.of("fast"), null, null));
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

    @Test
    void canAdapterKeysComeFromTheCanSectionAndFlags() throws Exception {
        Path yaml = dir.resolve("can.yaml");
        Files.writeString(yaml, "thing: car-7\nendpoint: localhost\ncert: c.pem\nkey: k.pem\nca: ca.pem\n"
                + "adapter: can\ncan:\n  transport: cannelloni\n  gateway: 127.0.0.1:20000\n  dbc: my.dbc\n");
        CanConfig can = new CanConfig(null, null, 20001, null, null);
        AgentConfig flags = AgentConfig.empty().overriddenBy(new AgentConfig(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, can, null));

        AgentConfig config = AgentConfig.load(yaml).overriddenBy(flags).validated();

        assertThat(config.adapter()).isEqualTo("can");
        assertThat(config.can()).isEqualTo(new CanConfig("cannelloni", "127.0.0.1:20000", 20001, null,
                Path.of("my.dbc")));
        assertThat(config.can().gatewayAddress().getPort()).isEqualTo(20000);
        assertThat(new CanConfig("socketcan", null, null, null, null).validated().interfaceName()).isEqualTo("can0");
        Files.writeString(yaml, "thing: car-7\ncan:\n  interface: vcan0\n  transport: socketcan\n");
        assertThat(AgentConfig.load(yaml).can().interfaceName()).isEqualTo("vcan0");
    }

    @Test
    void badCanSettingsAreNamed() {
        AgentConfig base = new AgentConfig("car-9", "localhost", null, Path.of("c"), Path.of("k"), Path.of("ca"),
                null, "can", null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(base::validated).hasMessageContaining("'can.gateway' (--can-gateway)");
        assertThatThrownBy(() -> new CanConfig(null, "gateway-without-port", null, null, null).validated())
                .hasMessageContaining("must be host:port, got 'gateway-without-port'");
        assertThatThrownBy(() -> new CanConfig("isotp", null, null, null, null).validated())
                .hasMessageContaining("--can-transport").hasMessageContaining("'isotp'");
        assertThatThrownBy(() -> base.overriddenBy(new AgentConfig(null, null, null, null, null, null, null, "obd",
                null, null, null, null, null, null, null, null, null, null)).validated())
                .hasMessageContaining("unknown adapter 'obd'");
    }

    @Test
    void theCanAdapterOpensOverCannelloni() throws Exception {
        AgentConfig config = new AgentConfig("car-9", "localhost", null, Path.of("c"), Path.of("k"), Path.of("ca"),
                null, "can", null, null, null, null, null, null, null, null,
                new CanConfig(null, "127.0.0.1:9", 0, null, null), null).validated();

        try (var adapter = EcuAdapters.open(config, io.fleet.model.vehicle.VehicleState.parked(),
                Clock.systemUTC())) {
            assertThat(adapter).isInstanceOf(io.fleet.agent.ecu.can.CanEcuAdapter.class);
        }
    }

    @Test
    void anAdapterThatCannotOpenEndsTheRunWithTheReason() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new AgentMain()).setErr(new PrintWriter(err)).execute("run", "--thing", "car-8",
                "--endpoint", "localhost", "--cert", "c", "--key", "k", "--ca", "ca", "--journal-dir",
                dir.resolve("journal").toString(), "--adapter", "can", "--can-transport", "socketcan",
                "--can-interface", "nosuchcan0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("cannot open the can adapter: cannot open SocketCAN interface nosuchcan0");
    }
}
