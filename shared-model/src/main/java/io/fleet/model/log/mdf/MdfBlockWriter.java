package io.fleet.model.log.mdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Appends MDF 4 blocks to a file channel: "##" id, length and link count, the links, then the data, each block
 * padded to a multiple of 8 bytes so the next one starts 8-byte aligned as the standard requires. Blocks are
 * written children first, so every link names a block already written (no patching needed).
 */
final class MdfBlockWriter {

    private final FileChannel channel;
    private long position;

    MdfBlockWriter(FileChannel channel, long position) {
        this.channel = channel;
        this.position = align(position);
    }

    static long align(long offset) {
        return (offset + 7) & ~7L;
    }

    /** Writes a block and returns its offset. */
    long block(String id, long[] links, ByteBuffer data) throws IOException {
        int dataLength = data == null ? 0 : data.remaining();
        long length = MdfBlock.HEADER_SIZE + links.length * 8L + dataLength;
        ByteBuffer out = ByteBuffer.allocate((int) align(length)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(("##" + id).getBytes(StandardCharsets.US_ASCII)).putInt(0).putLong(length).putLong(links.length);
        for (long link : links) {
            out.putLong(link);
        }
        if (data != null) {
            out.put(data);
        }
        long offset = position;
        write(out.rewind(), offset);
        position += out.capacity();
        return offset;
    }

    /** A ##TX block holding {@code text} zero-terminated; 0 (nil link) for null. */
    long text(String text) throws IOException {
        if (text == null) {
            return 0;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(bytes.length + 1).put(bytes);
        return block("TX", new long[0], data.rewind());
    }

    /** A linear ##CC block: physical = factor * raw + offset. */
    long linearConversion(double offset, double factor) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(24 + 16).order(ByteOrder.LITTLE_ENDIAN);
        // cc_type 1 (linear), cc_precision, cc_flags, cc_ref_count, cc_val_count 2, phys range min/max (unused)
        data.put((byte) Conversion.LINEAR).put((byte) 0).putShort((short) 0).putShort((short) 0).putShort((short) 2)
                .putDouble(0).putDouble(0).putDouble(offset).putDouble(factor);
        return block("CC", new long[4], data.rewind());
    }

    void write(ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    long position() {
        return position;
    }
}
