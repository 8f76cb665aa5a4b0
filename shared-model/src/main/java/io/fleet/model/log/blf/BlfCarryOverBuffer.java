package io.fleet.model.log.blf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Unpacked object bytes not yet parsed, {@code [position, limit)} of a little-endian buffer. Before each container
 * is unpacked, the unparsed tail (the start of an object that continues in that container) moves to the front,
 * so the buffer holds one container's data plus at most one object.
 */
final class BlfCarryOverBuffer {

    private ByteBuffer buffer = ByteBuffer.allocate(1 << 18).order(ByteOrder.LITTLE_ENDIAN).limit(0);
    /** Offset of buffer[0] in the uncompressed object stream, for error messages. */
    private long streamOffset;

    ByteBuffer buffer() {
        return buffer;
    }

    /** Offset in the uncompressed object stream of the byte at {@code index}. */
    long streamOffsetOf(int index) {
        return streamOffset + index;
    }

    void append(byte[] bytes, int from, int length) {
        makeRoom(length);
        System.arraycopy(bytes, from, buffer.array(), buffer.limit(), length);
        buffer.limit(buffer.limit() + length);
    }

    /**
     * Inflates {@code compressed[from, from + length)}, which must yield exactly {@code uncompressedSize} bytes.
     * Throws DataFormatException for corrupt data; on failure nothing is appended.
     */
    void inflate(Inflater inflater, byte[] compressed, int from, int length, int uncompressedSize)
            throws DataFormatException {
        makeRoom(uncompressedSize);
        inflater.reset();
        inflater.setInput(compressed, from, length);
        int produced = 0;
        while (produced < uncompressedSize && !inflater.finished() && !inflater.needsInput()) {
            produced += inflater.inflate(buffer.array(), buffer.limit() + produced, uncompressedSize - produced);
        }
        if (produced < uncompressedSize) {
            throw new DataFormatException("zlib data ends after " + produced + " of " + uncompressedSize + " bytes");
        }
        buffer.limit(buffer.limit() + produced);
    }

    /** Forgets the unparsed bytes, after damage that leaves them unusable. */
    void clear() {
        streamOffset += buffer.limit();
        buffer.position(0).limit(0);
    }

    /** Whether the unparsed bytes are only zeros (end-of-file padding, not a cut-off object). */
    boolean restIsZeros() {
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            if (buffer.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Moves the unparsed tail to the front and grows the buffer to take {@code extra} more bytes. */
    private void makeRoom(int extra) {
        int tail = buffer.remaining();
        streamOffset += buffer.position();
        byte[] target = buffer.capacity() >= tail + extra ? buffer.array() : new byte[tail + extra];
        System.arraycopy(buffer.array(), buffer.position(), target, 0, tail);
        if (target != buffer.array()) {
            buffer = ByteBuffer.wrap(target).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.limit(tail).position(0);
    }
}
