package io.fleet.agent.simulate;

import ch.qos.logback.classic.Level;
import io.fleet.agent.AgentConfig;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.simulate.FleetSimulator.FleetStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code device-agent simulate --vehicles N}: a fleet of simulated vehicles, each a real agent with its own
 * certificate and connection, with a status line every few seconds until Ctrl-C (or {@code --duration-s}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs N simulated vehicles in this JVM, each a real agent with its own certificate and MQTT "
                + "connection (client id = thing name), against AWS IoT Core or the local cloud.")
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vehicles", required = true, description = "how many vehicles")
    int vehicles;
    @Option(names = "--prefix", defaultValue = "sim-car-", description = "thing name prefix; names are <prefix>1.."
            + "<prefix>N (default ${DEFAULT-VALUE})")
    String prefix;
    @Option(names = "--endpoint", defaultValue = "localhost", description = "MQTT host (default ${DEFAULT-VALUE})")
    String endpoint;
    @Option(names = "--port", defaultValue = "8883", description = "MQTT port (default ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--certs-dir", defaultValue = "certs/generated", description = "the dev CA's folder (ca.pem, "
            + "ca.key from certs/dev-ca.sh); thing certificates are made in and reused from its things/ "
            + "(default ${DEFAULT-VALUE})")
    Path certsDir;
    @Option(names = "--ca", description = "CA that signed the server's certificate (default <certs-dir>/ca.pem)")
    Path ca;
    @Option(names = "--journal-dir", defaultValue = "sim-data", description = "journals, one folder per vehicle "
            + "(default ${DEFAULT-VALUE})")
    Path journalDir;
    @Option(names = "--parallel", defaultValue = "16", description = "connections being set up at once "
            + "(default ${DEFAULT-VALUE})")
    int parallel;
    @Option(names = "--status-interval-s", defaultValue = "5", description = "status line period (default "
            + "${DEFAULT-VALUE})")
    int statusIntervalSeconds;
    @Option(names = "--duration-s", defaultValue = "0", description = "stop after this many seconds once started "
            + "(default: run until Ctrl-C)")
    int durationSeconds;
    @Option(names = "--instant", description = "actuation takes no time (to measure the agent, not the car)")
    boolean instant;
    @Option(names = "--window-travel-ms", defaultValue = "3000", description = "window full travel (default "
            + "${DEFAULT-VALUE})")
    long windowTravelMs;
    @Option(names = "--trunk-travel-ms", defaultValue = "2000", description = "trunk travel (default ${DEFAULT-VALUE})")
    long trunkTravelMs;
    @Option(names = "--telemetry-interval-ms", defaultValue = "1000", description = "telemetry rate limit on change "
            + "(default ${DEFAULT-VALUE})")
    long telemetryIntervalMs;
    @Option(names = "--metrics-interval-ms", defaultValue = "60000", description = "each agent's counters to "
            + "vehicles/<thing>/metrics this often (default ${DEFAULT-VALUE}, 0 = off)")
    long metricsIntervalMs;
    @Option(names = "--verbose", description = "the agents' INFO logs (connects, every command); default WARN")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (vehicles < 1 || parallel < 1 || statusIntervalSeconds < 1) {
            spec.commandLine().getErr().println("device-agent simulate: --vehicles, --parallel and "
                    + "--status-interval-s must be at least 1");
            return 2;
        }
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.fleet.agent.sync")).setLevel(Level.WARN);
        }
        List<String> things = new ArrayList<>();
        for (int i = 1; i <= vehicles; i++) {
            things.add(prefix + i);
        }
        Map<String, AgentConfig> configs;
        try {
            configs = configs(things, out);
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("device-agent simulate: " + e.getMessage());
            return 1;
        }

        FleetSimulator fleet = new FleetSimulator(vehicles);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf(Locale.ROOT, "simulating %d vehicles %s1..%s%d -> %s:%d (journals in %s)%n", vehicles, prefix,
                prefix, vehicles, endpoint, port, journalDir);
        out.flush();
        long started = System.nanoTime();
        Thread reporter = new Thread(() -> report(fleet, out, started), "simulate-status");
        reporter.setDaemon(true);
        reporter.start();
        fleet.start(things, configs::get, simulation(), parallel);
        out.printf(Locale.ROOT, "all %d agents started in %.1f s%n", vehicles, (System.nanoTime() - started) / 1e9);
        out.flush();
        if (durationSeconds > 0) {
            if (!stopped.await(durationSeconds, TimeUnit.SECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                fleet.close();
                out.println(line(fleet.status()) + " (stopped)");
                out.flush();
            }
        } else {
            stopped.await();
        }
        return 0;
    }

    private Map<String, AgentConfig> configs(List<String> things, PrintWriter out) throws IOException {
        ThingCertificates certificates = ThingCertificates.open(certsDir);
        Path caFile = ca != null ? ca : certificates.caCertificate();
        Map<String, AgentConfig> configs = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        int made = 0;
        for (String thing : things) {
            boolean existed = Files.exists(certsDir.resolve("things").resolve(thing).resolve("certificate.pem"));
            ThingCertificates.Identity identity = certificates.forThing(thing);
            made += existed ? 0 : 1;
            configs.put(thing, AgentConfig.builder().thing(thing).endpoint(endpoint, port)
                    .tls(identity.certificate(), identity.privateKey(), caFile).journalDir(journalDir.resolve(thing))
                    .adapter(AgentConfig.Adapter.SIMULATED)
                    .travel(Duration.ofMillis(windowTravelMs), Duration.ofMillis(trunkTravelMs))
                    .telemetryInterval(Duration.ofMillis(telemetryIntervalMs))
                    .metricsInterval(Duration.ofMillis(metricsIntervalMs)).build());
        }
        out.printf(Locale.ROOT, "certificates: %d in %s (%d made now, %.1f s)%n", things.size(),
                certsDir.resolve("things"), made, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return configs;
    }

    private SimulationSettings simulation() {
        return instant
                ? new SimulationSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, List.of(), Set.of())
                : new SimulationSettings(Duration.ofMillis(windowTravelMs), Duration.ofMillis(trunkTravelMs),
                        SimulationSettings.realistic().otherActuation(), List.of(), Set.of());
    }

    private void report(FleetSimulator fleet, PrintWriter out, long startedNanos) {
        try {
            while (true) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(statusIntervalSeconds));
                out.printf(Locale.ROOT, "[%4ds] %s%n", (System.nanoTime() - startedNanos) / 1_000_000_000L,
                        line(fleet.status()));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String line(FleetStatus status) {
        return String.format(Locale.ROOT, "%d/%d started, %d connected, %d commands, %d reconnects, %d threads",
                status.started(), status.vehicles(), status.connected(), status.commands(), status.reconnects(),
                ManagementFactory.getThreadMXBean().getThreadCount());
    }
}
