package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
        AgentOptions flags = AgentConfig.builder().endpoint("localhost", 1883).options();
        AgentConfig config = AgentOptions.load(yaml).overriddenBy(flags).validated();
        assertThat(config.thing()).isEqualTo("car-7");
        assertThat(config.connection().endpoint()).isEqualTo("localhost");
        assertThat(config.connection().port()).isEqualTo(1883);
        assertThat(config.simulation().windowFullTravel()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.simulation().trunkTravel()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.adapter()).isEqualTo(AgentConfig.Adapter.SIMULATED);
        assertThat(config.journalDir()).isEqualTo(Path.of("agent-data", "car-7"));
    }

    @Test
    void missingOrUnknownKeysAreNamed() throws Exception {
        assertThatThrownBy(() -> AgentOptions.empty().validated()).hasMessageContaining("--thing");
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "thing: car-7\nendpiont: typo\n");
        assertThatThrownBy(() -> AgentOptions.load(yaml)).hasMessageContaining("endpiont")
                .hasMessageContaining(yaml.toString());
    }

    @Test
    void driveProfileStepsAreParsedAndBadOnesNamed() {
        AgentConfig.Builder base = car9().driveProfile(List.of("5000:0", "60000:30"));
        assertThat(base.build().simulation().driveProfile()).extracting(s -> s.speedKmh()).containsExactly(0, 30);
        AgentConfig.Builder bad = base.driveProfile(List.of("fast"));
        assertThatThrownBy(bad::build).hasMessageContaining("'fast'").hasMessageContaining("--drive-profile");
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
        CanConfig can = CanConfig.builder().localPort(20001).build();
        AgentOptions flags = AgentConfig.builder().can(can).options();

        AgentConfig config = AgentOptions.load(yaml).overriddenBy(flags).validated();

        assertThat(config.adapter()).isEqualTo(AgentConfig.Adapter.CAN);
        assertThat(config.can()).isEqualTo(CanConfig.builder().transport(CanConfig.Transport.CANNELLONI)
                .gateway("127.0.0.1:20000").localPort(20001).dbc(Path.of("my.dbc")).build());
        assertThat(config.can().gatewayAddress().getPort()).isEqualTo(20000);
        assertThat(CanConfig.builder().transport(CanConfig.Transport.SOCKETCAN).build().validated().interfaceName())
                .isEqualTo("can0");
        Files.writeString(yaml, "thing: car-7\ncan:\n  interface: vcan0\n  transport: socketcan\n");
        assertThat(AgentOptions.load(yaml).can()).isEqualTo(CanConfig.builder()
                .transport(CanConfig.Transport.SOCKETCAN).interfaceName("vcan0").build());
    }

    @Test
    void theTransportWordsOfEarlierVersionsStillLoadAndAnUnknownOneNamesFileLineKeyAndTheWords() throws Exception {
        Path yaml = dir.resolve("agent.yaml");
        Files.writeString(yaml, "thing: car-7\nadapter: can\ncan:\n  transport: cannelloni\n  gateway: 127.0.0.1:9\n");
        assertThat(AgentOptions.load(yaml).can().transport()).isEqualTo(CanConfig.Transport.CANNELLONI);
        Files.writeString(yaml, "thing: car-7\nadapter: can\ncan:\n  transport: socketcan\n");
        assertThat(AgentOptions.load(yaml).can().transport()).isEqualTo(CanConfig.Transport.SOCKETCAN);

        Files.writeString(yaml, "thing: car-7\nadapter: can\ncan:\n  transport: isotp\n");
        assertThatThrownBy(() -> AgentOptions.load(yaml)).hasMessageContaining(yaml.toString())
                .hasMessageContaining("line: 4")
                .hasMessageContaining("can.transport (--can-transport) must be one of cannelloni, socketcan, got "
                        + "'isotp'");
    }

    @Test
    void anUnknownTransportFlagIsAUsageErrorNamingTheFlagAndTheWords() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new AgentMain()).setErr(new PrintWriter(err)).execute("run", "--thing", "car-8",
                "--endpoint", "localhost", "--cert", "c", "--key", "k", "--ca", "ca", "--journal-dir",
                dir.resolve("journal").toString(), "--adapter", "can", "--can-transport", "isotp");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("can.transport (--can-transport) must be one of cannelloni, socketcan, "
                + "got 'isotp'");
        assertThat(dir.resolve("journal")).doesNotExist();
    }

    @Test
    void badCanSettingsAreNamed() {
        AgentConfig.Builder base = car9().adapter(AgentConfig.Adapter.CAN);
        assertThatThrownBy(base::build).hasMessageContaining("'can.gateway' (--can-gateway)");
        assertThatThrownBy(() -> CanConfig.builder().gateway("gateway-without-port").build().validated())
                .hasMessageContaining("must be host:port, got 'gateway-without-port'");
        assertThatThrownBy(() -> CanConfig.Transport.parse("isotp")).hasMessageContaining("--can-transport")
                .hasMessageContaining("'isotp'");
        assertThatThrownBy(() -> base.adapter("obd").build())
                .hasMessage("adapter (--adapter) must be one of simulated, can, got 'obd'");
    }

    @Test
    void theCanAdapterOpensOverCannelloni() throws Exception {
        AgentConfig config = car9().adapter(AgentConfig.Adapter.CAN)
                .can(CanConfig.builder().gateway("127.0.0.1:9").localPort(0).build()).build();

        try (var adapter = EcuAdapters.open(config, io.fleet.model.vehicle.VehicleState.parked(),
                Clock.systemUTC())) {
            assertThat(adapter).isInstanceOf(io.fleet.agent.ecu.can.CanEcuAdapter.class);
        }
    }

    @Test
    void anOldStyleYamlFileGivesTheSameEffectiveConfigAsTheBuilder() throws Exception {
        Path yaml = Files.writeString(dir.resolve("old.yaml"), String.join("\n",
                "thing: car-7",
                "endpoint: example.iot.eu-west-1.amazonaws.com",
                "port: 443",
                "cert: c.pem",
                "key: k.pem",
                "ca: ca.pem",
                "journalDir: /var/lib/agent",
                "adapter: simulated",
                "windowTravelMs: 500",
                "trunkTravelMs: 700",
                "commandTimeoutMs: 4000",
                "minReconnectDelayMs: 250",
                "maxReconnectDelayMs: 9000",
                "failingPaths: [trunk]",
                "telemetryIntervalMs: 300",
                "driveProfile: ['5000:0', '60000:30']",
                "metricsIntervalMs: 0",
                ""));

        AgentConfig fromFile = AgentOptions.load(yaml).validated();

        assertThat(fromFile).isEqualTo(AgentConfig.builder().thing("car-7")
                .endpoint("example.iot.eu-west-1.amazonaws.com", 443)
                .tls(Path.of("c.pem"), Path.of("k.pem"), Path.of("ca.pem")).journalDir(Path.of("/var/lib/agent"))
                .adapter(AgentConfig.Adapter.SIMULATED).travel(Duration.ofMillis(500), Duration.ofMillis(700))
                .commandTimeout(Duration.ofSeconds(4)).reconnectDelay(Duration.ofMillis(250), Duration.ofSeconds(9))
                .failingPaths(List.of("trunk")).telemetryInterval(Duration.ofMillis(300))
                .driveProfile(List.of("5000:0", "60000:30")).metricsInterval(Duration.ZERO).build());
        assertThat(fromFile.timing()).isEqualTo(new AgentConfig.Timing(Duration.ofSeconds(4), Duration.ofMillis(250),
                Duration.ofSeconds(9), Duration.ofMillis(300), Duration.ZERO));
        assertThat(fromFile.simulation().failingPaths()).containsExactly("trunk");
        assertThat(fromFile.simulation().driveProfile()).extracting(s -> s.duration())
                .containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    @Test
    void defaultsAreTheOnesTheFlatKeysHadAndANegativeMetricsIntervalIsNamed() {
        AgentConfig config = car9().build();
        assertThat(config.connection().port()).isEqualTo(8883);
        assertThat(config.journalDir()).isEqualTo(Path.of("agent-data", "car-9"));
        assertThat(config.timing()).isEqualTo(new AgentConfig.Timing(Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThat(config.simulation().windowFullTravel()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> car9().metricsInterval(Duration.ofMillis(-1)).build())
                .hasMessageContaining("metricsIntervalMs (--metrics-interval-ms) must be 0 (off) or positive");
    }

    private static AgentConfig.Builder car9() {
        return AgentConfig.builder().thing("car-9").endpoint("localhost", null)
                .tls(Path.of("c"), Path.of("k"), Path.of("ca"));
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
