package io.fleet.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The {@code can:} section of the agent config, used when {@code adapter: can}.
 *
 * @param transport     {@code cannelloni} (CAN over UDP through a gateway) or {@code socketcan} (a Linux interface)
 * @param gateway       cannelloni: the gateway's {@code host:port}
 * @param localPort     cannelloni: the local UDP port the gateway sends to (default 20000, as cannelloni)
 * @param interfaceName socketcan: the interface, e.g. {@code can0} (default) or {@code vcan0}; YAML key
 *                      {@code interface}
 * @param dbc           the body controller's DBC; default the bundled {@code dbc/body-controller.dbc}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CanConfig(String transport, String gateway, Integer localPort,
                        @JsonProperty("interface") String interfaceName, Path dbc) {

    public static final String CANNELLONI = "cannelloni";
    public static final String SOCKETCAN = "socketcan";

    public static CanConfig empty() {
        return new CanConfig(null, null, null, null, null);
    }

    public CanConfig overriddenBy(CanConfig o) {
        return o == null ? this : new CanConfig(pick(o.transport, transport), pick(o.gateway, gateway),
                pick(o.localPort, localPort), pick(o.interfaceName, interfaceName), pick(o.dbc, dbc));
    }

    /** Fills defaults and checks what the chosen transport needs; messages name the key and its flag. */
    public CanConfig validated() {
        String kind = pick(transport, CANNELLONI);
        if (CANNELLONI.equals(kind)) {
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
            return filled;
        }
        if (SOCKETCAN.equals(kind)) {
            return new CanConfig(kind, gateway, localPort, pick(interfaceName, "can0"), dbc);
        }
        throw new IllegalArgumentException("unknown 'can.transport' (--can-transport) '" + kind + "' (supported: "
                + CANNELLONI + ", " + SOCKETCAN + ")");
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
}
