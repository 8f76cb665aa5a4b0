package io.fleet.cloud.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and as whom a client connects over mutual TLS.
 *
 * @param host          host name the broker's certificate is valid for (hostname verification is on)
 * @param port          TLS port
 * @param caCertificate PEM CA that signed the broker's certificate
 * @param client        the client's certificate and key; its CN is used as the MQTT client id
 */
public record MqttEndpoint(String host, int port, Path caCertificate, CertificateAndKey client) {

    public MqttEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(client, "client");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /** The {@code ssl://host:port} URI Paho expects. */
    public String serverUri() {
        return "ssl://" + host + ":" + port;
    }
}
