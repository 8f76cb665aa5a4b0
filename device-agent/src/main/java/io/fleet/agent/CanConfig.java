package io.fleet.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fleet.model.ConfigChoice;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The {@code can:} section of the agent config, used when {@code adapter: can}. Tests build it by name with
 * {@link #builder()}.
 *
 * @param transport     how the CAN bus is reached (default {@link Transport#CANNELLONI})
 * @param gateway       cannelloni: the gateway's {@code host:port}
 * @param localPort     cannelloni: the local UDP port the gateway sends to (default 20000, as cannelloni)
 * @param interfaceName socketcan: the interface, e.g. {@code can0} (default) or {@code vcan0}; YAML key
 *                      {@code interface}
 * @param dbc           the body controller's DBC; default the bundled {@code dbc/body-controller.dbc}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CanConfig(Transport transport, String gateway, Integer localPort,
                        @JsonProperty("interface") String interfaceName, Path dbc) {

    /** YAML key {@code can.transport}, flag {@code --can-transport}; the words are those of earlier versions. */
    public enum Transport implements ConfigChoice {
        /** CAN over UDP through a cannelloni gateway. */
        CANNELLONI,
        /** A Linux SocketCAN interface. */
        SOCKETCAN;

        @JsonCreator
        public static Transport parse(String word) {
            return ConfigChoice.parse(Transport.class, "can.transport (--can-transport)", word);
        }
    }

    public static CanConfig empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public CanConfig overriddenBy(CanConfig o) {
        return o == null ? this : new CanConfig(pick(o.transport, transport), pick(o.gateway, gateway),
                pick(o.localPort, localPort), pick(o.interfaceName, interfaceName), pick(o.dbc, dbc));
    }

    /** Fills defaults and checks what the chosen transport needs; messages name the key and its flag. */
    public CanConfig validated() {
        Transport kind = pick(transport, Transport.CANNELLONI);
        return switch (kind) {
            case CANNELLONI -> {
                if (gateway == null) {
                    throw new IllegalArgumentException("missing 'can.gateway' (--can-gateway): host:port of the "
                            + "cannelloni gateway");
                }
                CanConfig filled = new CanConfig(kind, gateway, pick(localPort, 20000), interfaceName, dbc);
                filled.gatewayAddress();
                if (filled.localPort < 0 || filled.localPort > 65535) {
                    throw new IllegalArgumentException("'can.localPort' (--can-local-port) must be 0-65535, got "
                            + filled.localPort);
                }
                yield filled;
            }
            case SOCKETCAN -> new CanConfig(kind, gateway, localPort, pick(interfaceName, "can0"), dbc);
        };
    }

    /** {@link #gateway} as an address; host names are resolved now. */
    public InetSocketAddress gatewayAddress() {
        return parseHostPort(gateway, "can.gateway (--can-gateway)");
    }

    /** {@code host:port} ({@code [v6]:port} for IPv6 literals), the message naming {@code key} when malformed. */
    public static InetSocketAddress parseHostPort(String hostPort, String key) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException("no port");
            }
            String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException("port out of range");
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("'" + key + "': cannot resolve host " + host);
            }
            return address;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be host:port, got '" + hostPort + "'", e);
        }
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** Sets the {@code can:} keys by name; a null leaves a key unset, as in a file without it. */
    public static final class Builder {
        private Transport transport;
        private String gateway;
        private Integer localPort;
        private String interfaceName;
        private Path dbc;

        private Builder() {
        }

        public Builder transport(Transport value) {
            transport = value;
            return this;
        }

        public Builder gateway(String hostPort) {
            gateway = hostPort;
            return this;
        }

        public Builder localPort(Integer value) {
            localPort = value;
            return this;
        }

        public Builder interfaceName(String value) {
            interfaceName = value;
            return this;
        }

        public Builder dbc(Path value) {
            dbc = value;
            return this;
        }

        public CanConfig build() {
            return new CanConfig(transport, gateway, localPort, interfaceName, dbc);
        }
    }
}
