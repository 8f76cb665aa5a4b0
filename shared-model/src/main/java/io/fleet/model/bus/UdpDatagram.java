package io.fleet.model.bus;

import io.fleet.model.Checks;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * One UDP datagram of an Automotive Ethernet stream (lidar, radar, camera metadata, SOME/IP), as captured.
 *
 * @param vlanId 802.1Q VLAN id, or -1 when the frame carried no VLAN tag
 */
public record UdpDatagram(long timestampNanos, int channel, Direction direction, InetAddress source, int sourcePort,
                          InetAddress destination, int destinationPort, int vlanId, byte[] payload)
        implements BusRecord {

    public static final int NO_VLAN = -1;

    public UdpDatagram {
        Checks.notNull(direction, "direction");
        Checks.notNull(source, "source");
        Checks.notNull(destination, "destination");
        Checks.inRange(sourcePort, 0, 65535, "sourcePort");
        Checks.inRange(destinationPort, 0, 65535, "destinationPort");
        Checks.inRange(vlanId, NO_VLAN, 4095, "vlanId");
        payload = Checks.notNull(payload, "payload").clone();
    }

    /** A copy of the payload; use {@link #payloadLength()} and {@link #copyPayloadTo} on hot paths. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    public void copyPayloadTo(byte[] destination, int offset) {
        System.arraycopy(payload, 0, destination, offset, payload.length);
    }

    @Override
    public UdpDatagram withTimestampNanos(long newTimestampNanos) {
        return new UdpDatagram(newTimestampNanos, channel, direction, source, sourcePort, this.destination,
                destinationPort, vlanId, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpDatagram d && timestampNanos == d.timestampNanos && channel == d.channel
                && direction == d.direction && source.equals(d.source) && sourcePort == d.sourcePort
                && destination.equals(d.destination) && destinationPort == d.destinationPort && vlanId == d.vlanId
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UdpDatagram[t=" + timestampNanos + "ns ch=" + channel + " " + source.getHostAddress() + ":" + sourcePort
                + " -> " + destination.getHostAddress() + ":" + destinationPort + " vlan=" + vlanId + " len="
                + payload.length + "]";
    }
}
