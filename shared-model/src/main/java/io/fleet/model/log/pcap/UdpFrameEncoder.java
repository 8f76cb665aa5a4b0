package io.fleet.model.log.pcap;

import io.fleet.model.bus.UdpDatagram;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * Builds the Ethernet II frame a datagram travelled in: optional 802.1Q tag, IPv4 (20-byte header, DF set, TTL 64,
 * header checksum) or IPv6 (hop limit 64), and UDP with its checksum over the pseudo-header. MAC addresses are not
 * part of {@link UdpDatagram}; locally administered ones derived from the IP addresses keep conversations apart in
 * Wireshark. Frames are padded to the 60-byte Ethernet minimum as a NIC would.
 */
final class UdpFrameEncoder {

    private static final int ETHERNET_MIN_FRAME = 60;
    private int nextIpId;

    byte[] encode(UdpDatagram datagram) {
        boolean v4 = datagram.source() instanceof Inet4Address;
        if (v4 != datagram.destination() instanceof Inet4Address) {
            throw new IllegalArgumentException("source and destination must both be IPv4 or both IPv6: " + datagram);
        }
        byte[] src = datagram.source().getAddress();
        byte[] dst = datagram.destination().getAddress();
        int udpLength = 8 + datagram.payloadLength();
        int ipHeader = v4 ? 20 : 40;
        int tag = datagram.vlanId() == UdpDatagram.NO_VLAN ? 0 : 4;
        int frameLength = 14 + tag + ipHeader + udpLength;
        if (ipHeader + udpLength > 65535 + (v4 ? 0 : 40)) {
            throw new IllegalArgumentException("datagram too large for one IP packet: " + datagram.payloadLength());
        }
        ByteBuffer frame = ByteBuffer.allocate(Math.max(frameLength, ETHERNET_MIN_FRAME));
        frame.put(mac(dst)).put(mac(src));
        if (tag != 0) {
            frame.putShort((short) 0x8100).putShort((short) datagram.vlanId());
        }
        frame.putShort((short) (v4 ? 0x0800 : 0x86DD));
        int ipStart = frame.position();
        if (v4) {
            frame.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putShort((short) nextIpId++)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
            frame.putShort(ipStart + 10, (short) onesComplement(frame.array(), ipStart, 20, 0));
        } else {
            frame.putInt(0x6000_0000).putShort((short) udpLength).put((byte) 17).put((byte) 64).put(src).put(dst);
        }
        int udpStart = frame.position();
        frame.putShort((short) datagram.sourcePort()).putShort((short) datagram.destinationPort())
                .putShort((short) udpLength).putShort((short) 0);
        datagram.copyPayloadTo(frame.array(), frame.position());
        // pseudo-header: addresses, protocol, UDP length
        long pseudo = sum(src) + sum(dst) + 17 + udpLength;
        int checksum = onesComplement(frame.array(), udpStart, udpLength, pseudo);
        frame.putShort(udpStart + 6, (short) (checksum == 0 ? 0xFFFF : checksum));
        return frame.array();
    }

    private static byte[] mac(byte[] ip) {
        int n = ip.length;
        return new byte[] {0x02, 0x00, ip[n - 4], ip[n - 3], ip[n - 2], ip[n - 1]};
    }

    private static long sum(byte[] bytes) {
        long sum = 0;
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            sum += (bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF);
        }
        return sum;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes at {@code from}, plus a pre-summed part. */
    static int onesComplement(byte[] bytes, int from, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (bytes[from + i] & 0xFF) << 8 | (bytes[from + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (bytes[from + length - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
