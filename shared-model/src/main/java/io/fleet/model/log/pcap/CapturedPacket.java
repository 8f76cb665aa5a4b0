package io.fleet.model.log.pcap;

/**
 * One captured link-layer packet, reused from packet to packet so reading allocates only the datagrams it returns.
 * Filled by the file-format parsers, consumed by {@link UdpFrameDecoder}.
 */
final class CapturedPacket {

    long timestampNanos;
    int interfaceIndex;
    int linkType;
    /** True when the capture marks the packet outbound (pcapng epb_flags, Linux SLL packet type "outgoing"). */
    boolean outbound;
    long fileOffset;
    byte[] data = new byte[2048];
    int length;

    /** Makes room for {@code capturedLength} bytes. */
    byte[] reserve(int capturedLength) {
        if (capturedLength > data.length) {
            data = new byte[Math.max(capturedLength, data.length * 2)];
        }
        length = capturedLength;
        return data;
    }
}
