package io.fleet.cloud.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one embedded broker per test run (HiveMQ takes ~3 s to start and ~4 s to stop) and injects it as a
 * {@link RunningBroker} parameter into constructors, lifecycle methods and tests:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedBrokerExtension.class)
 * class ShadowServiceIT {
 *     @Test
 *     void updatesTheShadow(RunningBroker broker) throws Exception {
 *         CertificateAndKey car = broker.certificates().thing("car-1");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Certificates come from the real {@code certs/dev-ca.sh} and {@code certs/new-thing.sh} in a temporary folder;
 * the broker listens on a free port of 127.0.0.1 and accepts {@code fleet-service} and {@code fleet-service-2} as
 * service CNs. Everything is stopped and deleted when the JUnit run ends (root store, closed by JUnit).
 */
public final class EmbeddedBrokerExtension implements ParameterResolver {

    /** A second service CN, to test several service instances sharing subscriptions. */
    public static final String SECOND_SERVICE_CN = "fleet-service-2";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningBroker.class, key -> start(), RunningBroker.class);
    }

    private static RunningBroker start() {
        Path root = null;
        try {
            root = Files.createTempDirectory("fleet-broker-it");
            DevCertificates certificates = DevCertificates.create(root.resolve("certs"));
            certificates.thing(SECOND_SERVICE_CN);
            BrokerSettings.Embedded settings = new BrokerSettings.Embedded(0, root.resolve("data"),
                    certificates.caCertificate(), certificates.broker(), certificates.service(),
                    Set.of(TopicPolicy.DEFAULT_SERVICE_CN, SECOND_SERVICE_CN));
            return new RunningBroker(EmbeddedBroker.start(settings), certificates, root);
        } catch (IOException e) {
            deleteQuietly(root);
            throw new ParameterResolutionException("could not start the embedded broker: " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp folder is harmless.
        }
    }

    /** The broker of this test run, its certificates, and where clients connect. Closed by JUnit at the end. */
    public static final class RunningBroker implements AutoCloseable {

        private final EmbeddedBroker broker;
        private final DevCertificates certificates;
        private final Path root;

        RunningBroker(EmbeddedBroker broker, DevCertificates certificates, Path root) {
            this.broker = broker;
            this.certificates = certificates;
            this.root = root;
        }

        public EmbeddedBroker broker() {
            return broker;
        }

        public DevCertificates certificates() {
            return certificates;
        }

        /** {@code localhost}: the name in the broker certificate's SAN, which every client must use. */
        public String host() {
            return broker.host();
        }

        public int port() {
            return broker.port();
        }

        /** Where the default service ({@code fleet-service}) connects. */
        public MqttEndpoint serviceEndpoint() {
            return broker.serviceEndpoint();
        }

        /** Where a client with {@code certificate} connects; its CN becomes the client id. */
        public MqttEndpoint endpointFor(CertificateAndKey certificate) {
            return new MqttEndpoint(host(), port(), certificates.caCertificate(), certificate);
        }

        @Override
        public void close() {
            broker.close();
            deleteQuietly(root);
        }
    }
}
