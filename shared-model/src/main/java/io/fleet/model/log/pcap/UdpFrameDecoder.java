package io.fleet.model.log.pcap;

import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Peels link layer, VLAN tags, IP and UDP off a captured packet. Lengths come from the IP and UDP headers, not the
 * capture length, so Ethernet padding of short frames never leaks into payloads.
 *
 * <p>VLAN: 802.1Q (0x8100) and 802.1ad/QinQ (0x88A8, and the pre-standard 0x9100) tags are skipped; the vlanId
 * recorded is the outermost tag's, the one the capture port's trunk sees first. Inner tags of QinQ frames are not
 * kept because {@link UdpDatagram} holds one VLAN id and the outer tag is what selects the network on a tapped link.
 */
final class UdpFrameDecoder {

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int IP_PROTOCOL_UDP = 17;

    private SkipReason lastSkipReason;

    /** The datagram in {@code packet}, or null when it is none ({@link #lastSkipReason()} says why). */
    UdpDatagram decode(CapturedPacket packet) {
        byte[] p = packet.data;
        int end = packet.length;
        int at;
        int etherType;
        boolean outbound = packet.outbound;
        switch (packet.linkType) {
            case LinkType.ETHERNET:
                if (end < 14) {
                    return skip(SkipReason.INCOMPLETE);
                }
                etherType = u16(p, 12);
                at = 14;
                break;
            case LinkType.LINUX_SLL:
                if (end < 16) {
                    return skip(SkipReason.INCOMPLETE);
                }
                outbound |= u16(p, 0) == 4;
                etherType = u16(p, 14);
                at = 16;
                break;
            case LinkType.LINUX_SLL2:
                if (end < 20) {
                    return skip(SkipReason.INCOMPLETE);
                }
                outbound |= (p[10] & 0xFF) == 4;
                etherType = u16(p, 0);
                at = 20;
                break;
            case LinkType.RAW:
                if (end < 1) {
                    return skip(SkipReason.INCOMPLETE);
                }
                etherType = (p[0] & 0xF0) == 0x60 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
                at = 0;
                break;
            default:
                return skip(SkipReason.UNSUPPORTED_LINK_TYPE);
        }
        int vlanId = UdpDatagram.NO_VLAN;
        while (etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) {
            if (at + 4 > end) {
                return skip(SkipReason.INCOMPLETE);
            }
            if (vlanId == UdpDatagram.NO_VLAN) {
                vlanId = u16(p, at) & 0x0FFF;
            }
            etherType = u16(p, at + 2);
            at += 4;
        }
        Direction direction = outbound ? Direction.TX : Direction.RX;
        if (etherType == ETHERTYPE_IPV4) {
            return ipv4(packet, at, vlanId, direction);
        }
        if (etherType == ETHERTYPE_IPV6) {
            return ipv6(packet, at, vlanId, direction);
        }
        return skip(SkipReason.NOT_UDP);
    }

    SkipReason lastSkipReason() {
        return lastSkipReason;
    }

    private UdpDatagram ipv4(CapturedPacket packet, int at, int vlanId, Direction direction) {
        byte[] p = packet.data;
        if (at + 20 > packet.length || (p[at] & 0xF0) != 0x40) {
            return skip(at + 20 > packet.length ? SkipReason.INCOMPLETE : SkipReason.NOT_UDP);
        }
        int headerLength = (p[at] & 0x0F) * 4;
        int totalLength = u16(p, at + 2);
        if (headerLength < 20 || totalLength < headerLength) {
            return skip(SkipReason.NOT_UDP);
        }
        if ((p[at + 9] & 0xFF) != IP_PROTOCOL_UDP) {
            return skip(SkipReason.NOT_UDP);
        }
        int flagsAndOffset = u16(p, at + 6);
        if ((flagsAndOffset & 0x2000) != 0 || (flagsAndOffset & 0x1FFF) != 0) {
            return skip(SkipReason.IP_FRAGMENT);
        }
        return udp(packet, at + headerLength, at + totalLength, Arrays.copyOfRange(p, at + 12, at + 16),
                Arrays.copyOfRange(p, at + 16, at + 20), vlanId, direction);
    }

    private UdpDatagram ipv6(CapturedPacket packet, int at, int vlanId, Direction direction) {
        byte[] p = packet.data;
        if (at + 40 > packet.length) {
            return skip(SkipReason.INCOMPLETE);
        }
        int end = at + 40 + u16(p, at + 4);
        int next = p[at + 6] & 0xFF;
        int header = at + 40;
        // Hop-by-hop (0), routing (43) and destination options (60) share one layout: next header, length in
        // 8-byte units after the first 8. Fragments (44) are not reassembled.
        while (next == 0 || next == 43 || next == 60) {
            if (header + 8 > packet.length) {
                return skip(SkipReason.INCOMPLETE);
            }
            next = p[header] & 0xFF;
            header += 8 + (p[header + 1] & 0xFF) * 8;
        }
        if (next == 44) {
            return skip(SkipReason.IP_FRAGMENT);
        }
        if (next != IP_PROTOCOL_UDP) {
            return skip(SkipReason.NOT_UDP);
        }
        return udp(packet, header, end, Arrays.copyOfRange(p, at + 8, at + 24), Arrays.copyOfRange(p, at + 24, at + 40),
                vlanId, direction);
    }

    private UdpDatagram udp(CapturedPacket packet, int at, int ipEnd, byte[] source, byte[] destination, int vlanId,
                            Direction direction) {
        byte[] p = packet.data;
        if (at + 8 > packet.length || at + 8 > ipEnd) {
            return skip(SkipReason.INCOMPLETE);
        }
        int udpLength = u16(p, at + 4);
        // UDP length 0 occurs only for IPv6 jumbograms; otherwise the datagram must fit in the IP packet
        int end = udpLength == 0 ? ipEnd : at + udpLength;
        if (udpLength != 0 && udpLength < 8 || end > ipEnd || end > packet.length) {
            return skip(SkipReason.INCOMPLETE);
        }
        lastSkipReason = null;
        return new UdpDatagram(packet.timestampNanos, packet.interfaceIndex, direction, address(source),
                u16(p, at), address(destination), u16(p, at + 2), vlanId, Arrays.copyOfRange(p, at + 8, end));
    }

    private UdpDatagram skip(SkipReason reason) {
        lastSkipReason = reason;
        return null;
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 address bytes always form an address", e);
        }
    }

    static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
    }
}
