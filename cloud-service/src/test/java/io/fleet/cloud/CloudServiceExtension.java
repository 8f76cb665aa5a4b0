package io.fleet.cloud;

import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.DevCertificates;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.MqttConfig;
import io.fleet.cloud.config.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the whole cloud service (embedded HiveMQ with mTLS, embedded PostgreSQL, shadow service, HTTP API) once
 * per test JVM, with certificates made by the real {@code certs/} scripts in a temp folder, on free ports. Tests
 * receive a {@link RunningCloud}.
 */
public final class CloudServiceExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningCloud.class, k -> RunningCloud.start(), RunningCloud.class);
    }

    /** The running service, its certificates and where to reach it. */
    public static final class RunningCloud implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Path root;
        private final DevCertificates certificates;
        private final CloudConfig config;
        private final Clock clock;
        private CloudService service;

        private RunningCloud(Path root, DevCertificates certificates, CloudConfig config, Clock clock,
                             CloudService service) {
            this.root = root;
            this.certificates = certificates;
            this.config = config;
            this.clock = clock;
            this.service = service;
        }

        static RunningCloud start() {
            return start(config -> config);
        }

        /** A cloud of its own, for tests that need a setting the shared one does not have. Close it yourself. */
        public static RunningCloud start(UnaryOperator<CloudConfig> customize) {
            return start(customize, Clock.systemUTC());
        }

        /** A cloud of its own on the given clock (tests move it instead of sleeping). Close it yourself. */
        public static RunningCloud start(UnaryOperator<CloudConfig> customize,
                                         Clock clock) {
            try {
                Path root = Files.createTempDirectory("fleet-cloud-it");
                DevCertificates certificates = DevCertificates.create(root.resolve("certs"));
                CloudConfig defaults = CloudConfig.defaults();
                CloudConfig config = defaults.withDataDir(root.resolve("data")).withCertsDir(certificates.dir())
                        .withMqtt(TestConfig.embeddedBrokerOnAnyPort())
                        .withHttp(HttpConfig.loopback(0))
                        .withS3(TestConfig.embeddedS3OnAnyPort());
                config = customize.apply(config);
                return new RunningCloud(root, certificates, config, clock, CloudService.start(config, clock));
            } catch (Exception e) {
                throw new ParameterResolutionException("the cloud service did not start: " + e, e);
            }
        }

        public CloudService service() {
            return service;
        }

        public DevCertificates certificates() {
            return certificates;
        }

        public String mqttHost() {
            return service.mqttEndpoint().host();
        }

        public int mqttPort() {
            return service.mqttEndpoint().port();
        }

        public String httpBase() {
            return "http://127.0.0.1:" + service.httpPort();
        }

        /** A device of the given thing name connected with its own certificate (made on first use). */
        public AwsDeviceClient device(String thing) throws Exception {
            AwsDeviceClient device = AwsDeviceClient.start(mqttHost(), mqttPort(), certificates.caCertificate(),
                    certificates.thing(thing), thing);
            device.awaitConnected();
            return device;
        }

        /**
         * Stops the service and starts it again on the same data directory and ports, as after a process
         * restart.
         */
        public void restart() throws Exception {
            int mqttPort = mqttPort();
            int httpPort = service.httpPort();
            service.close();
            MqttConfig mqtt = config.mqtt();
            service = CloudService.start(config.withMqtt(TestConfig.mqtt(mqtt).port(mqttPort).build())
                    .withHttp(config.http().withPort(httpPort)), clock);
        }

        public Path root() {
            return root;
        }

        @Override
        public void close() {
            service.close();
        }
    }
}
