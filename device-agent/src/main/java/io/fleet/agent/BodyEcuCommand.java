package io.fleet.agent;

import io.fleet.agent.ecu.can.BodyControllerDbc;
import io.fleet.agent.ecu.can.CanSignalMap;
import io.fleet.agent.ecu.can.CannelloniCanTransport;
import io.fleet.agent.ecu.can.SimulatedBodyEcu;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code device-agent body-ecu}: a simulated body controller at the far end of cannelloni UDP, for an agent run with
 * {@code adapter: can} on a machine without a car. Runs until the process is stopped.
 */
@Command(name = "body-ecu", mixinStandardHelpOptions = true,
        description = "Simulate the CAN body controller (cannelloni over UDP) for an agent with --adapter can.")
final class BodyEcuCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:20000",
            description = "local host:port to receive commands on (default ${DEFAULT-VALUE}; the agent's gateway)")
    String listen;
    @Option(names = "--agent", defaultValue = "127.0.0.1:20001",
            description = "the agent's host:port (its --can-local-port; default ${DEFAULT-VALUE})")
    String agent;
    @Option(names = "--dbc", description = "DBC (default: the bundled body-controller.dbc)")
    Path dbc;
    @Option(names = "--actuation-ms", defaultValue = "300", description = "time to carry out a command")
    long actuationMs;
    @Option(names = "--speed", defaultValue = "0", description = "vehicle speed to report, km/h")
    int speed;
    @Option(names = "--fail", split = ",", description = "paths whose commands the ECU answers with Fault")
    List<String> failingPaths = List.of();

    @Override
    public Integer call() throws Exception {
        DbcDatabase database = BodyControllerDbc.load(dbc);
        CannelloniCanTransport transport;
        try {
            transport = CannelloniCanTransport.open(CanConfig.parseHostPort(listen, "--listen"),
                    CanConfig.parseHostPort(agent, "--agent"), EcuAdapters.daemon("can-rx-body-ecu"));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("device-agent body-ecu: " + e.getMessage());
            return 2;
        }
        SimulatedBodyEcu ecu = new SimulatedBodyEcu(database, CanSignalMap.bodyController(), transport,
                VehicleState.parked().with("speed", speed), Duration.ofMillis(actuationMs), Set.copyOf(failingPaths),
                Clock.systemUTC(), EcuAdapters.daemon("sim-bcm")).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ecu.close();
            stopped.countDown();
        }, "body-ecu-shutdown"));
        spec.commandLine().getOut().printf(Locale.ROOT, "body-ecu on %s, status to %s (%s)%n",
                transport.localAddress(), agent, database.source());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
