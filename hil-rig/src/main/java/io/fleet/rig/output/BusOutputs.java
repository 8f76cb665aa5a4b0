package io.fleet.rig.output;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Opens an output from its {@code --out} spec. */
public final class BusOutputs {

    private BusOutputs() {
    }

    public static BusOutput open(OutputSpec spec) throws IOException {
        return switch (spec.scheme()) {
            case "cannelloni" -> new CannelloniUdpOutput(spec.name(), target(spec), spec.intParam("local", 0),
                    spec.intParam("batch", 16), spec.intParam("channel", 1));
            case "udp" -> new RawUdpOutput(spec.name(), target(spec), spec.intParam("local", 0),
                    spec.flag("keepPort"), spec.intParam("ttl", 1), spec.intParam("channel", 1));
            case "socketcan" -> new SocketCanOutput(spec.name(), spec.host(), spec.flag("fd"),
                    spec.intParam("channel", 1));
            case "loopback" -> new LoopbackOutput(spec.name());
            default -> throw new IllegalArgumentException("unknown output scheme '" + spec.scheme()
                    + "'; use cannelloni://, udp://, socketcan:// or loopback://");
        };
    }

    private static InetSocketAddress target(OutputSpec spec) {
        if (spec.host() == null || spec.port() <= 0) {
            throw new IllegalArgumentException(spec.scheme() + " output '" + spec.name() + "' needs host:port");
        }
        return new InetSocketAddress(spec.host(), spec.port());
    }
}
