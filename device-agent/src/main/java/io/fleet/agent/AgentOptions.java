package io.fleet.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.model.shadow.ThingName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The agent's settings as {@code agent.yaml} and the command-line flags spell them: flat keys, any of them unset
 * (null). {@link #validated()} fills the defaults and turns them into the typed {@link AgentConfig}. The YAML keys
 * are the record components, so files written for earlier versions keep loading.
 *
 * @param windowTravelMs  simulated window full-travel time
 * @param trunkTravelMs   simulated trunk travel time
 * @param failingPaths    simulated ECU faults (failure injection), e.g. {@code [trunk]}
 * @param telemetryIntervalMs at most one telemetry message per interval when signals change (heartbeat 30 s)
 * @param driveProfile    simulated speed over time as {@code "<holdMs>:<km/h>"} steps, e.g. {@code [5000:0, 60000:30]}
 * @param can             the CAN adapter's transport and DBC, for {@code adapter: can}
 * @param metricsIntervalMs how often the agent's counters go to {@code vehicles/<thing>/metrics} and the log
 *                        (default 60000; 0 turns it off)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AgentOptions(String thing, String endpoint, Integer port, Path cert, Path key, Path ca, Path journalDir,
                           String adapter, Long windowTravelMs, Long trunkTravelMs, Long commandTimeoutMs,
                           Long minReconnectDelayMs, Long maxReconnectDelayMs, List<String> failingPaths,
                           Long telemetryIntervalMs, List<String> driveProfile, CanConfig can,
                           Long metricsIntervalMs) {

    public static AgentOptions empty() {
        return new AgentOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static AgentOptions load(Path yaml) throws IOException {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(Files.readAllBytes(yaml), AgentOptions.class);
        } catch (IOException e) {
            throw new IOException("cannot read agent config " + yaml + ": " + e.getMessage(), e);
        }
    }

    /** Values of {@code override} win where set; the rest come from these options. */
    public AgentOptions overriddenBy(AgentOptions o) {
        return new AgentOptions(pick(o.thing, thing), pick(o.endpoint, endpoint), pick(o.port, port),
                pick(o.cert, cert), pick(o.key, key), pick(o.ca, ca), pick(o.journalDir, journalDir),
                pick(o.adapter, adapter), pick(o.windowTravelMs, windowTravelMs), pick(o.trunkTravelMs, trunkTravelMs),
                pick(o.commandTimeoutMs, commandTimeoutMs), pick(o.minReconnectDelayMs, minReconnectDelayMs),
                pick(o.maxReconnectDelayMs, maxReconnectDelayMs), pick(o.failingPaths, failingPaths),
                pick(o.telemetryIntervalMs, telemetryIntervalMs), pick(o.driveProfile, driveProfile),
                can == null ? o.can : can.overriddenBy(o.can), pick(o.metricsIntervalMs, metricsIntervalMs));
    }

    /** Fills defaults and checks every key; the message names the key and its flag. */
    public AgentConfig validated() {
        if (thing == null) {
            throw new IllegalArgumentException(
                    "missing 'thing' (--thing): the thing name, equal to the certificate CN");
        }
        ThingName.of(thing);
        for (Object[] required : new Object[][] {{endpoint, "endpoint (--endpoint)"}, {cert, "cert (--cert)"},
                {key, "key (--key)"}, {ca, "ca (--ca)"}}) {
            if (required[0] == null) {
                throw new IllegalArgumentException("missing '" + required[1] + "'");
            }
        }
        AgentConfig.Adapter adapterKind = adapter == null ? AgentConfig.Adapter.SIMULATED
                : AgentConfig.Adapter.parse(adapter);
        CanConfig canConfig = adapterKind == AgentConfig.Adapter.CAN ? pick(can, CanConfig.empty()).validated() : can;
        long metricsInterval = pick(metricsIntervalMs, 60_000L);
        if (metricsInterval < 0) {
            throw new IllegalArgumentException("metricsIntervalMs (--metrics-interval-ms) must be 0 (off) or "
                    + "positive, got " + metricsInterval);
        }
        AgentConfig.Connection connection = new AgentConfig.Connection(endpoint, pick(port, 8883), cert, key, ca);
        AgentConfig.Timing timing = new AgentConfig.Timing(millis(commandTimeoutMs, 10_000L),
                millis(minReconnectDelayMs, 500L), millis(maxReconnectDelayMs, 30_000L),
                millis(telemetryIntervalMs, 1000L), Duration.ofMillis(metricsInterval));
        SimulationSettings simulation = new SimulationSettings(millis(windowTravelMs, 3000L),
                millis(trunkTravelMs, 2000L), SimulationSettings.realistic().otherActuation(), speedSteps(),
                Set.copyOf(pick(failingPaths, List.of())));
        return new AgentConfig(thing, connection, pick(journalDir, Path.of("agent-data", thing)), adapterKind, timing,
                simulation, canConfig);
    }

    private List<SimulationSettings.SpeedStep> speedSteps() {
        List<SimulationSettings.SpeedStep> steps = new ArrayList<>();
        for (String step : pick(driveProfile, List.<String>of())) {
            String[] parts = step.split(":");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected <holdMs>:<km/h>");
                }
                steps.add(new SimulationSettings.SpeedStep(Duration.ofMillis(Long.parseLong(parts[0].trim())),
                        Integer.parseInt(parts[1].trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad driveProfile step '" + step + "' (--drive-profile): "
                        + e.getMessage(), e);
            }
        }
        return steps;
    }

    private static Duration millis(Long value, long otherwise) {
        return Duration.ofMillis(pick(value, otherwise));
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
