package io.fleet.cloud.broker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/** Which broker the cloud service uses: the embedded HiveMQ CE, or an external MQTT 5 broker (AWS IoT Core, etc.). */
public sealed interface BrokerSettings permits BrokerSettings.Embedded, BrokerSettings.External {

    /** The certificate and key the cloud service itself connects with. */
    CertificateAndKey service();

    /**
     * Run HiveMQ CE in this process with a mutual-TLS listener on 127.0.0.1.
     *
     * @param port               TLS port; 0 picks a free one (tests)
     * @param dataDir            the service's data dir; the broker keeps config, keystores and persistence in
     *                           {@code <dataDir>/broker/}
     * @param caCertificate      CA whose client certificates the broker accepts
     * @param server             the broker's own certificate (SAN localhost and 127.0.0.1) and key
     * @param service            the cloud service's client certificate and key
     * @param serviceCommonNames certificate CNs with service rights (see {@link TopicPolicy})
     * @param filePersistence    keep sessions, queued and retained messages on disk across broker restarts (the
     *                           default); in memory the broker is ~3x faster for the shadow service, whose state
     *                           lives in PostgreSQL, but devices lose their sessions when the broker restarts
     */
    record Embedded(int port, Path dataDir, Path caCertificate, CertificateAndKey server, CertificateAndKey service,
                    Set<String> serviceCommonNames, boolean filePersistence) implements BrokerSettings {

        /** File persistence. */
        public Embedded(int port, Path dataDir, Path caCertificate, CertificateAndKey server,
                        CertificateAndKey service, Set<String> serviceCommonNames) {
            this(port, dataDir, caCertificate, server, service, serviceCommonNames, true);
        }

        public Embedded {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(caCertificate, "caCertificate");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(service, "service");
            serviceCommonNames = Set.copyOf(serviceCommonNames);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            if (serviceCommonNames.isEmpty()) {
                throw new IllegalArgumentException("serviceCommonNames must name at least the service's own CN");
            }
        }

        /** The layout {@code certs/dev-ca.sh --dir certsDir} writes, the default service CN and port 8883. */
        public static Embedded fromDevCa(Path certsDir, Path dataDir) {
            return new Embedded(8883, dataDir, certsDir.resolve("ca.pem"),
                    CertificateAndKey.inFolder(certsDir.resolve("broker")),
                    CertificateAndKey.inFolder(certsDir.resolve("service")),
                    Set.of(TopicPolicy.DEFAULT_SERVICE_CN));
        }

        public Embedded withPort(int newPort) {
            return new Embedded(newPort, dataDir, caCertificate, server, service, serviceCommonNames,
                    filePersistence);
        }

        public Embedded withFilePersistence(boolean onDisk) {
            return new Embedded(port, dataDir, caCertificate, server, service, serviceCommonNames, onDisk);
        }
    }

    /**
     * Use a broker someone else runs; authorization is then that broker's business (an AWS IoT policy, ACLs).
     *
     * @param caCertificate CA that signed the broker's server certificate (Amazon Root CA 1 for AWS IoT Core)
     */
    record External(String host, int port, Path caCertificate, CertificateAndKey service) implements BrokerSettings {

        public External {
            // MqttEndpoint validates the same fields; building one here rejects bad settings at load time.
            new MqttEndpoint(host, port, caCertificate, service);
        }

        public MqttEndpoint endpoint() {
            return new MqttEndpoint(host, port, caCertificate, service);
        }
    }
}
