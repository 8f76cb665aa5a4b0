package io.fleet.cloud.config;

import java.nio.file.Path;

/**
 * Builders for the sections of {@link CloudConfig} whose keys tests set in many combinations, so a test names the
 * keys it sets instead of passing a row of bare values. A key left unset gets the section's default, as a key missing
 * from the YAML file: the builders go through the sections' YAML factories, the one place defaults are filled in.
 * The other sections have named factories and {@code with...} methods of their own.
 */
public final class TestConfig {

    private TestConfig() {
    }

    /** {@code mqtt:} with nothing set: the embedded broker on the default port. */
    public static MqttBuilder mqtt() {
        return new MqttBuilder();
    }

    /** {@code mqtt:} as {@code existing}, to change a key or two. */
    public static MqttBuilder mqtt(MqttConfig existing) {
        return new MqttBuilder().external(existing.external()).host(existing.host()).port(existing.port())
                .tls(existing.caFile(), existing.certFile(), existing.keyFile()).sharedGroup(existing.sharedGroup())
                .brokerPersistence(existing.brokerPersistence()).shadowFrontend(existing.shadowFrontend());
    }

    /** The embedded broker on a free port, as every test cloud runs it. */
    public static MqttConfig embeddedBrokerOnAnyPort() {
        return mqtt().port(0).build();
    }

    /** An external broker (the service connects as a client) at {@code host:port}. */
    public static MqttBuilder externalBroker(String host, int port) {
        return mqtt().external(true).host(host).port(port);
    }

    /** The embedded S3 store on a free port. */
    public static S3Config embeddedS3OnAnyPort() {
        return S3Config.embeddedOn(0);
    }

    public static AuthFailuresBuilder authFailures() {
        return new AuthFailuresBuilder();
    }

    public static final class MqttBuilder {
        private Boolean external;
        private String host;
        private Integer port;
        private Path caFile;
        private Path certFile;
        private Path keyFile;
        private String sharedGroup;
        private BrokerPersistence brokerPersistence;
        private ShadowFrontend shadowFrontend;

        private MqttBuilder() {
        }

        public MqttBuilder external(Boolean value) {
            external = value;
            return this;
        }

        public MqttBuilder host(String value) {
            host = value;
            return this;
        }

        public MqttBuilder port(Integer value) {
            port = value;
            return this;
        }

        public MqttBuilder tls(Path ca, Path certificate, Path privateKey) {
            caFile = ca;
            certFile = certificate;
            keyFile = privateKey;
            return this;
        }

        /** "" subscribes without sharing. */
        public MqttBuilder sharedGroup(String value) {
            sharedGroup = value;
            return this;
        }

        public MqttBuilder brokerPersistence(BrokerPersistence value) {
            brokerPersistence = value;
            return this;
        }

        public MqttBuilder shadowFrontend(ShadowFrontend value) {
            shadowFrontend = value;
            return this;
        }

        public MqttConfig build() {
            return MqttConfig.fromYaml(external, host, port, caFile, certFile, keyFile, sharedGroup,
                    brokerPersistence, shadowFrontend);
        }
    }

    public static final class AuthFailuresBuilder {
        private Integer addressBurst;
        private Double addressPerSecond;
        private Integer globalBurst;
        private Double globalPerSecond;
        private Integer trackedAddresses;

        private AuthFailuresBuilder() {
        }

        /** Failures one address may have in a row, then this many per second. */
        public AuthFailuresBuilder perAddress(Integer burst, Double perSecond) {
            addressBurst = burst;
            addressPerSecond = perSecond;
            return this;
        }

        /** Failures from all addresses together in a row, then this many per second. */
        public AuthFailuresBuilder global(Integer burst, Double perSecond) {
            globalBurst = burst;
            globalPerSecond = perSecond;
            return this;
        }

        public AuthFailuresBuilder trackedAddresses(Integer value) {
            trackedAddresses = value;
            return this;
        }

        public AuthFailuresConfig build() {
            return AuthFailuresConfig.fromYaml(addressBurst, addressPerSecond, globalBurst, globalPerSecond,
                    trackedAddresses);
        }
    }
}
