package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Objects;

/**
 * MQTT: the embedded broker (default) or an external one the service connects to as a client.
 *
 * @param external   connect to host:port instead of starting the embedded broker
 * @param caFile     CA that signed the broker's certificate (default certsDir/ca.pem)
 * @param certFile   the service's client certificate (default certsDir/service/certificate.pem)
 * @param keyFile    the service's private key (default certsDir/service/private.key)
 * @param brokerPersistence embedded broker sessions and queued messages: "in-memory" (default, and the
 *                    faster: the figures are in BENCHMARKS.md; shadows are in PostgreSQL either way; after a
 *                    broker restart clients find their sessions gone and subscribe again, as the AWS SDK's
 *                    streams and the agent do, tested by
 *                    device-agent's CloudRestartIT) or "file" (sessions, subscriptions and queued QoS 1 messages
 *                    survive a broker restart, at HiveMQ's Xodus persistence cost)
 * @param sharedGroup MQTT 5 share group of the shadow request subscriptions, so several instances split the
 *                    load; "" subscribes without sharing (single instance; needed on Mosquitto 2.0, which
 *                    never delivers {@code $aws/...} topics to shared subscriptions)
 * @param shadowFrontend how shadow requests reach the service: "in-broker" (default with the embedded broker:
 *                    taken straight off the embedded HiveMQ and answered through it, no client hop) or "client"
 *                    (the service's MQTT client on the shared subscriptions; the only choice with an external
 *                    broker, and how several instances share one broker)
 */
public record MqttConfig(boolean external, String host, int port, Path caFile, Path certFile, Path keyFile,
                         String sharedGroup, BrokerPersistence brokerPersistence, ShadowFrontend shadowFrontend) {

    public MqttConfig {
        Objects.requireNonNull(host, "mqtt.host");
        Objects.requireNonNull(sharedGroup, "mqtt.sharedGroup");
        Objects.requireNonNull(brokerPersistence, "mqtt.brokerPersistence");
        Objects.requireNonNull(shadowFrontend, "mqtt.shadowFrontend");
        if (external && shadowFrontend == ShadowFrontend.IN_BROKER) {
            throw new IllegalArgumentException("mqtt.shadowFrontend in-broker needs the embedded broker "
                    + "(mqtt.external: false); with an external broker use client");
        }
    }

    @JsonCreator
    static MqttConfig fromYaml(@JsonProperty("external") Boolean external, @JsonProperty("host") String host,
                               @JsonProperty("port") Integer port, @JsonProperty("caFile") Path caFile,
                               @JsonProperty("certFile") Path certFile, @JsonProperty("keyFile") Path keyFile,
                               @JsonProperty("sharedGroup") String sharedGroup,
                               @JsonProperty("brokerPersistence") BrokerPersistence brokerPersistence,
                               @JsonProperty("shadowFrontend") ShadowFrontend shadowFrontend) {
        boolean isExternal = external != null && external;
        return new MqttConfig(isExternal, host != null ? host : "127.0.0.1", port != null ? port : 8883, caFile,
                certFile, keyFile, sharedGroup != null ? sharedGroup : "fleet-shadow",
                brokerPersistence != null ? brokerPersistence : BrokerPersistence.IN_MEMORY,
                shadowFrontend != null ? shadowFrontend
                        : isExternal ? ShadowFrontend.CLIENT : ShadowFrontend.IN_BROKER);
    }

    /** The embedded broker on 8883, certificates from certsDir. */
    public static MqttConfig defaults() {
        return fromYaml(null, null, null, null, null, null, null, null, null);
    }

    /** An external broker at {@code host:port}, shadow requests through the service's client. */
    public static MqttConfig externalBroker(String host, int port) {
        return fromYaml(true, host, port, null, null, null, null, null, null);
    }

    /** "" subscribes without sharing. */
    public MqttConfig withSharedGroup(String group) {
        return new MqttConfig(external, host, port, caFile, certFile, keyFile, group, brokerPersistence,
                shadowFrontend);
    }
}
