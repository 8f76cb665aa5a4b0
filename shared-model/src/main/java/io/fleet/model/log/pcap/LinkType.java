package io.fleet.model.log.pcap;

/** The LINKTYPE_ values (tcpdump.org/linktypes.html) this package understands. */
final class LinkType {

    static final int ETHERNET = 1;
    /** Raw IPv4 or IPv6, version in the first nibble. */
    static final int RAW = 101;
    /** Linux "cooked" capture v1 (tcpdump -i any): 16-byte header, protocol type at 14. */
    static final int LINUX_SLL = 113;
    /** Linux cooked capture v2: 20-byte header, protocol type at 0, packet type at 10. */
    static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
