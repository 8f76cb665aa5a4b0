package io.fleet.model.log.pcap;

import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Classic libpcap files: a 24-byte global header (magic, version 2.4, thiszone, sigfigs, snaplen, link type) and
 * records of a 16-byte header (seconds, microseconds or nanoseconds, captured length, original length) plus the
 * captured bytes. The magic's byte order (a1b2c3d4 or d4c3b2a1) is the writer's, and its variant a1b23c4d marks
 * nanosecond timestamps. The link type's upper bits can carry FCS information and are masked off.
 */
final class ClassicPcapParser implements PacketParser {

    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    /** Larger than any real snapshot length (Wireshark allows 256 kB); anything above is corruption. */
    static final int MAX_PACKET = 1 << 20;

    private final SequentialFileInput input;
    private final String source;
    private final CutRecords cuts;
    private final boolean bigEndian;
    private final long nanosPerFraction;
    private final int linkType;
    private final byte[] header = new byte[24];

    ClassicPcapParser(SequentialFileInput input, String source) throws IOException {
        this.input = input;
        this.source = source;
        this.cuts = new CutRecords(source);
        if (input.read(header, 0, 24) < 24) {
            throw LogFormatException.atOffset(source, 0, "file too short for a pcap header");
        }
        int magic = Bytes.u32(header, 0, true);
        this.bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        int ordered = Bytes.u32(header, 0, bigEndian);
        if (ordered != MAGIC_MICROS && ordered != MAGIC_NANOS) {
            throw LogFormatException.atOffset(source, 0, String.format(Locale.ROOT, "bad pcap magic 0x%08x", magic));
        }
        this.nanosPerFraction = ordered == MAGIC_NANOS ? 1 : 1_000;
        this.linkType = Bytes.u32(header, 20, bigEndian) & 0xFFFF;
    }

    @Override
    public boolean next(CapturedPacket packet) throws IOException {
        long offset = input.position();
        int n = input.read(header, 0, 16);
        if (n == 0) {
            return false;
        }
        if (n < 16) {
            throw cuts.cut(offset, "packet record header", n, 16 - n);
        }
        long seconds = Bytes.u32(header, 0, bigEndian) & 0xFFFF_FFFFL;
        long fraction = Bytes.u32(header, 4, bigEndian) & 0xFFFF_FFFFL;
        int captured = Bytes.u32(header, 8, bigEndian);
        if (captured < 0 || captured > MAX_PACKET) {
            throw LogFormatException.atOffset(source, offset + 8, "implausible captured length "
                    + (captured & 0xFFFF_FFFFL));
        }
        byte[] data = packet.reserve(captured);
        int got = input.read(data, 0, captured);
        if (got < captured) {
            throw cuts.cut(offset, "packet record of " + (16 + captured) + " bytes", 16 + got, captured - got);
        }
        packet.fileOffset = offset;
        packet.timestampNanos = seconds * 1_000_000_000L + fraction * nanosPerFraction;
        packet.interfaceIndex = 0;
        packet.linkType = linkType;
        packet.outbound = false;
        return true;
    }

    @Override
    public Optional<Truncation> truncation() {
        return cuts.last();
    }

    @Override
    public long nonPacketBlocks() {
        return 0;
    }
}
