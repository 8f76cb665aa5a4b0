package io.fleet.model.log.pcap;

import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * pcapng files (IETF draft-ietf-opsawg-pcapng): a sequence of blocks {type u32, total length u32, body, total
 * length u32}, each section opened by a Section Header Block (type 0x0A0D0D0A) whose byte-order magic 0x1A2B3C4D
 * sets the byte order of the section. Interface Description Blocks (1) declare link type and timestamp resolution
 * (option if_tsresol, default microseconds; if_tsoffset adds seconds); Enhanced Packet Blocks (6) carry interface
 * id, 64-bit timestamp, lengths, data and options (epb_flags direction); Simple Packet Blocks (3) carry only data,
 * on interface 0 and without a timestamp, so they get the previous packet's. The obsolete Packet Block (2) is read
 * like an EPB. Every other block is skipped and counted.
 */
final class PcapngParser implements PacketParser {

    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int MAX_BLOCK = 16 << 20;

    private final SequentialFileInput input;
    private final String source;
    private final CutRecords cuts;
    private final List<Interface> interfaces = new ArrayList<>();
    private final byte[] header = new byte[12];
    private byte[] body = new byte[4096];
    private boolean bigEndian;
    private long lastTimestamp;
    private long nonPacketBlocks;

    PcapngParser(SequentialFileInput input, String source) {
        this.input = input;
        this.source = source;
        this.cuts = new CutRecords(source);
    }

    @Override
    public boolean next(CapturedPacket packet) throws IOException {
        while (true) {
            long offset = input.position();
            int n = input.read(header, 0, 8);
            if (n == 0) {
                return false;
            }
            if (n < 8) {
                throw cuts.cut(offset, "block header", n, 8 - n);
            }
            int type = Bytes.u32(header, 0, bigEndian);
            if (type == SECTION_HEADER) {
                int got = input.read(header, 8, 4);
                if (got < 4) {
                    throw cuts.cut(offset, "section header", 8 + got, 4 - got);
                }
                int magic = Bytes.u32(header, 8, true);
                if (magic != BYTE_ORDER_MAGIC && Integer.reverseBytes(magic) != BYTE_ORDER_MAGIC) {
                    throw LogFormatException.atOffset(source, offset + 8, String.format(Locale.ROOT,
                            "bad pcapng byte-order magic 0x%08x", magic));
                }
                bigEndian = magic == BYTE_ORDER_MAGIC;
                interfaces.clear();
            }
            int length = Bytes.u32(header, 4, bigEndian);
            if (length < 12 || length % 4 != 0 || length > MAX_BLOCK || (type == SECTION_HEADER && length < 28)) {
                throw LogFormatException.atOffset(source, offset + 4, "invalid block length "
                        + (length & 0xFFFF_FFFFL) + " of block type " + type);
            }
            int consumedHead = type == SECTION_HEADER ? 12 : 8;
            int bodyLength = length - consumedHead;
            if (bodyLength > body.length) {
                body = new byte[bodyLength];
            }
            int got = input.read(body, 0, bodyLength);
            if (got < bodyLength) {
                throw cuts.cut(offset, "block of type " + type, consumedHead + got, bodyLength - got);
            }
            if (Bytes.u32(body, bodyLength - 4, bigEndian) != length) {
                throw LogFormatException.atOffset(source, offset + length - 4,
                        "trailing block length differs from the leading one " + length);
            }
            int content = bodyLength - 4;
            switch (type) {
                case SECTION_HEADER:
                    break;
                case 1:
                    interfaces.add(Interface.parse(body, content, bigEndian));
                    break;
                case 6:
                case 2:
                    readPacket(packet, offset, type, content);
                    return true;
                case 3:
                    readSimplePacket(packet, offset, content);
                    return true;
                default:
                    nonPacketBlocks++;
            }
        }
    }

    private void readPacket(CapturedPacket packet, long offset, int type, int content) throws IOException {
        if (content < 20) {
            throw LogFormatException.atOffset(source, offset, "packet block too short");
        }
        int interfaceId = type == 6 ? Bytes.u32(body, 0, bigEndian) : Bytes.u16(body, 0, bigEndian);
        long timestamp = (Bytes.u32(body, 4, bigEndian) & 0xFFFF_FFFFL) << 32 | Bytes.u32(body, 8, bigEndian)
                & 0xFFFF_FFFFL;
        int captured = Bytes.u32(body, 12, bigEndian);
        if (captured < 0 || 20 + captured > content) {
            throw LogFormatException.atOffset(source, offset + 20, "captured length " + (captured & 0xFFFF_FFFFL)
                    + " exceeds the block");
        }
        Interface described = describedInterface(interfaceId, offset);
        System.arraycopy(body, 20, packet.reserve(captured), 0, captured);
        packet.fileOffset = offset;
        packet.interfaceIndex = interfaceId;
        packet.linkType = described.linkType();
        packet.timestampNanos = described.toNanos(timestamp);
        packet.outbound = type == 6 && (packetFlags(20 + ((captured + 3) & ~3), content) & 3) == 2;
        lastTimestamp = packet.timestampNanos;
    }

    private void readSimplePacket(CapturedPacket packet, long offset, int content) throws IOException {
        Interface described = describedInterface(0, offset);
        int original = Bytes.u32(body, 0, bigEndian);
        int captured = Math.min(content - 4, original < 0 ? Integer.MAX_VALUE : original);
        System.arraycopy(body, 4, packet.reserve(captured), 0, captured);
        packet.fileOffset = offset;
        packet.interfaceIndex = 0;
        packet.linkType = described.linkType();
        packet.timestampNanos = lastTimestamp;
        packet.outbound = false;
    }

    private Interface describedInterface(int interfaceId, long offset) throws LogFormatException {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw LogFormatException.atOffset(source, offset, "packet refers to interface " + interfaceId
                    + " but the section declares " + interfaces.size());
        }
        return interfaces.get(interfaceId);
    }

    /** epb_flags (option 2), 0 when absent. */
    private int packetFlags(int from, int content) {
        for (int at = from; at + 4 <= content; ) {
            int code = Bytes.u16(body, at, bigEndian);
            int length = Bytes.u16(body, at + 2, bigEndian);
            if (code == 0) {
                break;
            }
            if (code == 2 && length == 4 && at + 8 <= content) {
                return Bytes.u32(body, at + 4, bigEndian);
            }
            at += 4 + ((length + 3) & ~3);
        }
        return 0;
    }

    @Override
    public Optional<Truncation> truncation() {
        return cuts.last();
    }

    @Override
    public long nonPacketBlocks() {
        return nonPacketBlocks;
    }

    /** An IDB's link type and clock: ticks of 10^-n or 2^-n seconds plus an offset in seconds. */
    private record Interface(int linkType, boolean binary, int exponent, long offsetSeconds) {

        static Interface parse(byte[] body, int content, boolean bigEndian) {
            int linkType = Bytes.u16(body, 0, bigEndian);
            boolean binary = false;
            int exponent = 6;
            long offsetSeconds = 0;
            for (int at = 8; at + 4 <= content; ) {
                int code = Bytes.u16(body, at, bigEndian);
                int length = Bytes.u16(body, at + 2, bigEndian);
                if (code == 0 || at + 4 + length > content) {
                    break;
                }
                if (code == 9 && length >= 1) {
                    binary = (body[at + 4] & 0x80) != 0;
                    exponent = body[at + 4] & 0x7F;
                } else if (code == 14 && length == 8) {
                    offsetSeconds = Bytes.u64(body, at + 4, bigEndian);
                }
                at += 4 + ((length + 3) & ~3);
            }
            return new Interface(linkType, binary, exponent, offsetSeconds);
        }

        long toNanos(long ticks) {
            long nanos;
            if (binary) {
                nanos = exponent > 32 ? (long) (ticks / Math.pow(2, exponent) * 1e9)
                        : (ticks >>> exponent) * 1_000_000_000L
                        + ((ticks & ((1L << exponent) - 1)) * 1_000_000_000L >>> exponent);
            } else if (exponent <= 9) {
                nanos = ticks * POWERS_OF_TEN[9 - exponent];
            } else {
                nanos = exponent - 9 < POWERS_OF_TEN.length ? ticks / POWERS_OF_TEN[exponent - 9] : 0;
            }
            return nanos + offsetSeconds * 1_000_000_000L;
        }
    }

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};
}
