package io.fleet.model.log.pcap;

/** Why a well-formed packet or block did not become a {@link io.fleet.model.bus.UdpDatagram}. */
public enum SkipReason {
    /** Not IPv4/IPv6 over UDP: ARP, TCP, ICMP, PTP, SOME/IP-SD over TCP, ... */
    NOT_UDP,
    /** An IP fragment: reassembly is out of scope, lidar/radar streams avoid fragmentation. */
    IP_FRAGMENT,
    /** Cut by the capture's snapshot length, or an IPv6 extension header this reader does not walk. */
    INCOMPLETE,
    /** A link type other than Ethernet, Linux cooked (SLL, SLL2) or raw IP. */
    UNSUPPORTED_LINK_TYPE,
    /** pcapng blocks that carry no packet: name resolution, statistics, custom, decryption secrets, ... */
    NON_PACKET_BLOCK
}
