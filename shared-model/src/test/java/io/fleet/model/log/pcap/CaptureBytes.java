package io.fleet.model.log.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-built capture files in either byte order, for layouts {@link PcapWriter} does not produce. */
final class CaptureBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    CaptureBytes classicHeader(int magic, int linkType) {
        out.writeBytes(buffer(24).putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(linkType).array());
        return this;
    }

    CaptureBytes classicRecord(long seconds, long fraction, byte[] packet) {
        out.writeBytes(buffer(16).putInt((int) seconds).putInt((int) fraction).putInt(packet.length)
                .putInt(packet.length).array());
        out.writeBytes(packet);
        return this;
    }

    CaptureBytes block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        out.writeBytes(buffer(12 + padded).putInt(type).putInt(12 + padded).put(body).position(8 + padded)
                .putInt(12 + padded).array());
        return this;
    }

    CaptureBytes sectionHeader() {
        return block(0x0A0D0D0A, buffer(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .array());
    }

    /** IDB with an if_tsresol option, or none when {@code tsresol} is negative (default microseconds). */
    CaptureBytes interfaceDescription(int linkType, int tsresol) {
        ByteBuffer body = buffer(tsresol < 0 ? 8 : 20).putShort((short) linkType).putShort((short) 0).putInt(0);
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putInt(0);
        }
        return block(1, body.array());
    }

    CaptureBytes enhancedPacket(int interfaceId, long ticks, byte[] packet) {
        int padded = (packet.length + 3) & ~3;
        return block(6, buffer(20 + padded).putInt(interfaceId).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt(packet.length).putInt(packet.length).put(packet).array());
    }

    CaptureBytes simplePacket(byte[] packet) {
        int padded = (packet.length + 3) & ~3;
        return block(3, buffer(4 + padded).putInt(packet.length).put(packet).array());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
