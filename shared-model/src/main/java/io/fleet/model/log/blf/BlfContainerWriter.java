package io.fleet.model.log.blf;

import static io.fleet.model.log.blf.BlfObjectTypes.BASE_HEADER_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.COMPRESSION_ZLIB;
import static io.fleet.model.log.blf.BlfObjectTypes.CONTAINER_HEADER_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.LOG_CONTAINER;
import static io.fleet.model.log.blf.BlfObjectTypes.OBJECT_SIGNATURE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Packs the stream of inner objects into zlib LOG_CONTAINERs at the channel's position, in the layout
 * {@link BlfObjectStream} reads: like CANoe and python-can, every container but the last holds exactly
 * {@link #CONTAINER_DATA_SIZE} uncompressed bytes, so an object may continue in the next container. Memory is
 * one container's data and its compressed form, whatever the log's length.
 */
final class BlfContainerWriter {

    static final int CONTAINER_DATA_SIZE = 128 * 1024;

    private final FileChannel channel;
    private final Deflater deflater = new Deflater();
    private final byte[] data = new byte[CONTAINER_DATA_SIZE];
    private int filled;
    private byte[] compressed = new byte[CONTAINER_DATA_SIZE + CONTAINER_DATA_SIZE / 8];
    private final ByteBuffer header = ByteBuffer.allocate(BASE_HEADER_SIZE + CONTAINER_HEADER_SIZE)
            .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer padding = ByteBuffer.allocate(4);
    /** The file's size with every container unpacked, as the BLF header counts it (file header excluded). */
    private long uncompressedSize;

    BlfContainerWriter(FileChannel channel) {
        this.channel = channel;
    }

    /** Appends {@code [from, from + length)} of {@code objects} to the stream, writing each full container. */
    void append(byte[] objects, int from, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, data.length - filled);
            System.arraycopy(objects, from, data, filled, n);
            filled += n;
            from += n;
            length -= n;
            if (filled == data.length) {
                writeContainer();
            }
        }
    }

    /** Writes the objects appended so far as a (short) container; nothing when there are none. */
    void writePending() throws IOException {
        if (filled > 0) {
            writeContainer();
        }
    }

    long uncompressedSize() {
        return uncompressedSize;
    }

    void end() {
        deflater.end();
    }

    private void writeContainer() throws IOException {
        int compressedSize = deflate();
        int size = BASE_HEADER_SIZE + CONTAINER_HEADER_SIZE + compressedSize;
        header.clear();
        header.putInt(OBJECT_SIGNATURE).putShort((short) BASE_HEADER_SIZE).putShort((short) 1).putInt(size)
                .putInt(LOG_CONTAINER).putShort((short) COMPRESSION_ZLIB).putShort((short) 0).putInt(0)
                .putInt(filled).putInt(0).flip();
        padding.clear().limit(size % 4);
        ByteBuffer[] parts = {header, ByteBuffer.wrap(compressed, 0, compressedSize), padding};
        while (padding.hasRemaining() || parts[1].hasRemaining() || header.hasRemaining()) {
            channel.write(parts);
        }
        uncompressedSize += BASE_HEADER_SIZE + CONTAINER_HEADER_SIZE + filled;
        filled = 0;
    }

    /** Compresses the pending data into {@link #compressed}; returns its length. */
    private int deflate() {
        deflater.reset();
        deflater.setInput(data, 0, filled);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == compressed.length) {
                compressed = Arrays.copyOf(compressed, compressed.length * 2);
            }
            n += deflater.deflate(compressed, n, compressed.length - n);
        }
        return n;
    }
}
