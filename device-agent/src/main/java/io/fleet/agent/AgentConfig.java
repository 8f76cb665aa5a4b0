package io.fleet.agent;

import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.model.ConfigChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a running agent needs, with defaults filled and every value checked: made by
 * {@link AgentOptions#validated()} from {@code agent.yaml} and/or command-line flags, or in tests by
 * {@link #builder()}. Paths are plain files so the same config works against AWS IoT Core and the local cloud
 * service.
 *
 * @param journalDir where the agent keeps what it last knew of the car and the pending commands
 * @param simulation the simulated car's actuation times, drive profile and injected faults ({@code adapter:
 *                   simulated})
 * @param can        the CAN adapter's transport and DBC, validated when {@code adapter: can}, else as given
 */
public record AgentConfig(String thing, Connection connection, Path journalDir, Adapter adapter, Timing timing,
                          SimulationSettings simulation, CanConfig can) {

    public AgentConfig {
        Objects.requireNonNull(thing, "thing");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(simulation, "simulation");
    }

    /** The MQTT endpoint and the thing's mutual-TLS files. */
    public record Connection(String endpoint, int port, Path cert, Path key, Path ca) {
    }

    /**
     * @param commandTimeout    how long a command may take on the ECU before it is reported FAILED
     * @param telemetryInterval at most one telemetry message per interval when signals change (heartbeat 30 s)
     * @param metricsInterval   how often the agent's counters go to {@code vehicles/<thing>/metrics} and the log;
     *                          zero turns it off
     */
    public record Timing(Duration commandTimeout, Duration minReconnectDelay, Duration maxReconnectDelay,
                         Duration telemetryInterval, Duration metricsInterval) {
    }

    /** Which ECU adapter the agent drives; YAML key {@code adapter}, flag {@code --adapter}. */
    public enum Adapter implements ConfigChoice {
        SIMULATED,
        CAN;

        public static Adapter parse(String word) {
            return ConfigChoice.parse(Adapter.class, "adapter (--adapter)", word);
        }
    }

    /** Options set by name; {@link Builder#build()} validates them as a file and flags would be. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets what {@code agent.yaml} and the flags can set; a null leaves the value at its default. */
    public static final class Builder {
        private String thing;
        private String endpoint;
        private Integer port;
        private Path cert;
        private Path key;
        private Path ca;
        private Path journalDir;
        private String adapter;
        private Duration windowTravel;
        private Duration trunkTravel;
        private Duration commandTimeout;
        private Duration minReconnectDelay;
        private Duration maxReconnectDelay;
        private List<String> failingPaths;
        private Duration telemetryInterval;
        private List<String> driveProfile;
        private CanConfig can;
        private Duration metricsInterval;

        private Builder() {
        }

        public Builder thing(String value) {
            thing = value;
            return this;
        }

        public Builder endpoint(String host, Integer mqttPort) {
            endpoint = host;
            port = mqttPort;
            return this;
        }

        public Builder tls(Path certificate, Path privateKey, Path caCertificate) {
            cert = certificate;
            key = privateKey;
            ca = caCertificate;
            return this;
        }

        public Builder journalDir(Path value) {
            journalDir = value;
            return this;
        }

        /** The adapter's YAML word, so that a bad one fails as in a file. */
        public Builder adapter(String word) {
            adapter = word;
            return this;
        }

        public Builder adapter(Adapter value) {
            return adapter(value.word());
        }

        public Builder travel(Duration window, Duration trunk) {
            windowTravel = window;
            trunkTravel = trunk;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder reconnectDelay(Duration min, Duration max) {
            minReconnectDelay = min;
            maxReconnectDelay = max;
            return this;
        }

        public Builder failingPaths(List<String> paths) {
            failingPaths = paths;
            return this;
        }

        public Builder telemetryInterval(Duration value) {
            telemetryInterval = value;
            return this;
        }

        /** Steps as {@code "<holdMs>:<km/h>"}, as in YAML. */
        public Builder driveProfile(List<String> steps) {
            driveProfile = steps;
            return this;
        }

        public Builder can(CanConfig value) {
            can = value;
            return this;
        }

        public Builder metricsInterval(Duration value) {
            metricsInterval = value;
            return this;
        }

        /** What has been set, as unvalidated options (e.g. the flags, laid over a file). */
        public AgentOptions options() {
            return new AgentOptions(thing, endpoint, port, cert, key, ca, journalDir, adapter, millis(windowTravel),
                    millis(trunkTravel), millis(commandTimeout), millis(minReconnectDelay), millis(maxReconnectDelay),
                    failingPaths, millis(telemetryInterval), driveProfile, can, millis(metricsInterval));
        }

        public AgentConfig build() {
            return options().validated();
        }

        private static Long millis(Duration value) {
            return value == null ? null : value.toMillis();
        }
    }
}
