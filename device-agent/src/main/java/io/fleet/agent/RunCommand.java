package io.fleet.agent;

import io.fleet.agent.ecu.EcuAdapter;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.agent.sync.Journal;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code device-agent run}: runs one agent until the process is stopped. Flags override the config file. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent until stopped (Ctrl-C).")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", description = "agent.yaml; flags override its keys")
    Path config;
    @Option(names = "--thing", description = "thing name = client id = certificate CN")
    String thing;
    @Option(names = "--endpoint", description = "MQTT host (AWS IoT Core endpoint or localhost)")
    String endpoint;
    @Option(names = "--port", description = "MQTT port (default 8883)")
    Integer port;
    @Option(names = "--cert", description = "device certificate (PEM)")
    Path cert;
    @Option(names = "--key", description = "device private key (PEM)")
    Path key;
    @Option(names = "--ca", description = "CA certificate that signed the server's certificate (PEM)")
    Path ca;
    @Option(names = "--journal-dir", description = "offline journal directory (default agent-data/<thing>)")
    Path journalDir;
    @Option(names = "--adapter", description = "ECU adapter: simulated (default) or can")
    String adapter;
    @Option(names = "--window-travel-ms", description = "simulated window full travel (default 3000)")
    Long windowTravelMs;
    @Option(names = "--trunk-travel-ms", description = "simulated trunk travel (default 2000)")
    Long trunkTravelMs;
    @Option(names = "--command-timeout-ms", description = "actuation timeout -> TIMED_OUT (default 10000)")
    Long commandTimeoutMs;
    @Option(names = "--min-reconnect-delay-ms", description = "reconnect backoff start (default 500)")
    Long minReconnectDelayMs;
    @Option(names = "--max-reconnect-delay-ms", description = "reconnect backoff cap (default 30000)")
    Long maxReconnectDelayMs;
    @Option(names = "--fail", split = ",", description = "simulated ECU faults, e.g. trunk,doors.fl")
    List<String> failingPaths;
    @Option(names = "--telemetry-interval-ms", description = "telemetry rate limit on change (default 1000)")
    Long telemetryIntervalMs;
    @Option(names = "--drive-profile", split = ",",
            description = "simulated speed steps <holdMs>:<km/h>, e.g. 5000:0,60000:30")
    List<String> driveProfile;
    @Option(names = "--metrics-interval-ms",
            description = "counters to vehicles/<thing>/metrics and the log this often (default 60000, 0 = off)")
    Long metricsIntervalMs;
    @Option(names = "--can-transport", description = "adapter can: cannelloni (default) or socketcan")
    String canTransport;
    @Option(names = "--can-gateway", description = "cannelloni gateway host:port")
    String canGateway;
    @Option(names = "--can-local-port", description = "local UDP port for cannelloni (default 20000)")
    Integer canLocalPort;
    @Option(names = "--can-interface", description = "SocketCAN interface (default can0)")
    String canInterface;
    @Option(names = "--can-dbc", description = "body controller DBC (default: the bundled body-controller.dbc)")
    Path canDbc;

    @Override
    public Integer call() throws Exception {
        AgentConfig effective;
        try {
            CanConfig canFlags = CanConfig.builder().transport(CanConfig.Transport.parse(canTransport))
                    .gateway(canGateway).localPort(canLocalPort).interfaceName(canInterface).dbc(canDbc).build();
            AgentOptions flags = new AgentOptions(thing, endpoint, port, cert, key, ca, journalDir, adapter,
                    windowTravelMs, trunkTravelMs, commandTimeoutMs, minReconnectDelayMs, maxReconnectDelayMs,
                    failingPaths, telemetryIntervalMs, driveProfile, canFlags, metricsIntervalMs);
            effective = (config == null ? AgentOptions.empty() : AgentOptions.load(config)).overriddenBy(flags)
                    .validated();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("device-agent: " + e.getMessage());
            return 2;
        }
        // The simulated car continues from the state the agent last knew, as a real car would still be there; a
        // CAN adapter starts from it too until the body controller's status frames arrive.
        VehicleState last = new Journal(effective.journalDir()).load().reported();
        EcuAdapter car;
        try {
            car = EcuAdapters.open(effective, last == null ? VehicleState.parked() : last, Clock.systemUTC());
        } catch (IOException | IllegalArgumentException e) {
            // a socket that cannot open, a DBC that does not parse or lacks a signal the map needs
            spec.commandLine().getErr().println("device-agent: cannot open the " + effective.adapter().word()
                    + " adapter: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DeviceAgent agent = DeviceAgent.start(effective, car, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close(); // closes the ECU adapter too
            stopped.countDown();
        }, "agent-shutdown"));
        spec.commandLine().getOut().printf(Locale.ROOT, "device-agent %s -> %s:%d (journal %s)%n", effective.thing(),
                effective.connection().endpoint(), effective.connection().port(), effective.journalDir());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
