package io.fleet.model.log.blf;

import static io.fleet.model.log.blf.BlfObjectTypes.BASE_HEADER_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.COMPRESSION_NONE;
import static io.fleet.model.log.blf.BlfObjectTypes.COMPRESSION_ZLIB;
import static io.fleet.model.log.blf.BlfObjectTypes.CONTAINER_HEADER_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.LOG_CONTAINER;
import static io.fleet.model.log.blf.BlfObjectTypes.OBJECT_SIGNATURE;

import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.Truncation;
import io.fleet.model.log.internal.ReadCounter;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The objects of a BLF file in order, unpacked from their log containers.
 *
 * <p>After the file header come objects, each starting with a 16-byte base header (little-endian): "LOBJ", u16
 * header size, u16 header version, u32 object size (header included), u32 object type. Each object is followed by
 * {@code objectSize % 4} padding bytes (that is what CANoe writes and python-can and Toby Lorenz' vector_blf read;
 * it is not alignment to 4). Top-level objects are LOG_CONTAINERs (type 10): after the base header, u16
 * compression method (0 = none, 2 = zlib deflate), 6 reserved, u32 uncompressed size, 4 reserved, then the data.
 * The uncompressed data of consecutive containers is one stream of objects laid out the same way, and an object
 * may continue in the next container: the unparsed tail is carried over, so memory stays at about one container
 * (CANoe writes 128 KiB) plus one object.
 *
 * <p>Structural damage (bad signature, truncation, corrupt zlib) throws {@link LogFormatException} with the file
 * offset, or in lenient mode is counted as rejected: a broken container is dropped with the carried-over tail, and
 * after a bad top-level signature the stream resynchronizes on the next "LOBJ".
 */
final class BlfObjectStream {

    /** Larger sizes are corruption, not data: keeps a damaged size field from allocating gigabytes. */
    private static final int MAX_OBJECT_SIZE = 64 << 20;

    private final PushbackInputStream in;
    private final String source;
    private final boolean lenient;
    private final ReadCounter counter;
    private final Inflater inflater = new Inflater();
    private final byte[] head = new byte[BASE_HEADER_SIZE];
    private byte[] body = new byte[1 << 16];
    private final BlfCarryOverBuffer pending = new BlfCarryOverBuffer();
    private long filePosition;
    private long containerOffset;
    private int paddingToSkip;

    private int objectStart;
    private int objectType;

    BlfObjectStream(PushbackInputStream in, long filePosition, String source, boolean lenient, ReadCounter counter) {
        this.in = in;
        this.filePosition = filePosition;
        this.source = source;
        this.lenient = lenient;
        this.counter = counter;
    }

    /** Advances to the next complete object; false at the end of the file. */
    boolean next() throws IOException {
        while (!nextInPending()) {
            if (!unpackNextTopLevelObject()) {
                checkNothingLeft();
                return false;
            }
        }
        return true;
    }

    /** Little-endian buffer holding the current object at {@link #objectStart()}. */
    ByteBuffer buffer() {
        return pending.buffer();
    }

    int objectStart() {
        return objectStart;
    }

    int objectType() {
        return objectType;
    }

    /** File offset of the container the current object came from. */
    long containerOffset() {
        return containerOffset;
    }

    /** Offset of the current object in the uncompressed object stream. */
    long streamOffset() {
        return pending.streamOffsetOf(objectStart);
    }

    private boolean nextInPending() throws LogFormatException {
        ByteBuffer p = pending.buffer();
        int skip = Math.min(paddingToSkip, p.remaining());
        p.position(p.position() + skip);
        paddingToSkip -= skip;
        if (p.remaining() < BASE_HEADER_SIZE) {
            return false;
        }
        int at = p.position();
        int headerSize = p.getShort(at + 4) & 0xFFFF;
        int size = p.getInt(at + 8);
        String problem = p.getInt(at) != OBJECT_SIGNATURE ? "object signature is not \"LOBJ\""
                : size < BASE_HEADER_SIZE || size > MAX_OBJECT_SIZE || headerSize < BASE_HEADER_SIZE
                || headerSize > size ? "implausible object size " + Integer.toUnsignedString(size) + " / header size "
                + headerSize : null;
        if (problem != null) {
            fail(containerOffset, "object at uncompressed offset " + pending.streamOffsetOf(at) + ": " + problem
                    + "; dropping the rest of this container", null);
            p.position(p.limit());
            return false;
        }
        if (p.remaining() < size) {
            return false; // continues in the next container
        }
        objectStart = at;
        objectType = p.getInt(at + 12);
        int advance = Math.min(size + size % 4, p.remaining());
        paddingToSkip = size + size % 4 - advance;
        p.position(at + advance);
        return true;
    }

    private boolean unpackNextTopLevelObject() throws IOException {
        while (true) {
            long offset = filePosition;
            int n = read(head, BASE_HEADER_SIZE);
            if (n == 0 || isAllZero(head, n)) {
                return false; // some writers pad the file end with zeros
            }
            if (n < BASE_HEADER_SIZE) {
                cut(offset, "object header", n, BASE_HEADER_SIZE - n);
                return false;
            }
            ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int size = h.getInt(8);
            if (h.getInt(0) != OBJECT_SIGNATURE || size < BASE_HEADER_SIZE || size > MAX_OBJECT_SIZE) {
                fail(offset, h.getInt(0) != OBJECT_SIGNATURE ? "object signature is not \"LOBJ\""
                        : "implausible object size " + Integer.toUnsignedString(size), null);
                resynchronize();
                continue;
            }
            int bodySize = size - BASE_HEADER_SIZE;
            if (body.length < bodySize) {
                body = new byte[bodySize];
            }
            int got = read(body, bodySize);
            if (got < bodySize) {
                cut(offset, "object of " + size + " bytes", BASE_HEADER_SIZE + got, bodySize - got);
                return false;
            }
            filePosition += in.skip(size % 4); // padding; may be missing at the very end
            containerOffset = offset;
            if (h.getInt(12) != LOG_CONTAINER) {
                // Objects outside containers (older writers) are read as they stand.
                pending.append(head, 0, BASE_HEADER_SIZE);
                pending.append(body, 0, bodySize);
                return true;
            }
            if (unpackContainer(offset, bodySize)) {
                return true;
            }
        }
    }

    private boolean unpackContainer(long offset, int bodySize) throws LogFormatException {
        ByteBuffer c = ByteBuffer.wrap(body, 0, bodySize).order(ByteOrder.LITTLE_ENDIAN);
        if (bodySize < CONTAINER_HEADER_SIZE) {
            fail(offset, "log container too small (" + bodySize + " bytes after its header)", null);
            return false;
        }
        int method = c.getShort(0) & 0xFFFF;
        int uncompressedSize = c.getInt(8);
        int dataSize = bodySize - CONTAINER_HEADER_SIZE;
        if (method == COMPRESSION_NONE) {
            pending.append(body, CONTAINER_HEADER_SIZE, dataSize);
            return true;
        }
        if (method != COMPRESSION_ZLIB) {
            fail(offset, "unknown log container compression method " + method, null);
            return false;
        }
        if (uncompressedSize < 0 || uncompressedSize > MAX_OBJECT_SIZE) {
            fail(offset, "implausible uncompressed container size " + Integer.toUnsignedString(uncompressedSize),
                    null);
            return false;
        }
        try {
            pending.inflate(inflater, body, CONTAINER_HEADER_SIZE, dataSize, uncompressedSize);
            return true;
        } catch (DataFormatException e) {
            dropPending();
            fail(offset, "corrupt zlib data in log container: " + e.getMessage(), e);
            return false;
        }
    }

    private void dropPending() {
        pending.clear();
        paddingToSkip = 0;
    }

    private void checkNothingLeft() throws LogFormatException {
        if (!pending.restIsZeros()) {
            dropPending();
            fail(filePosition, "file ends inside an object (its container at byte " + containerOffset
                    + " holds only its beginning)", null);
        }
    }

    /** Lenient recovery: continue at the next "LOBJ" after the bad header's first byte. */
    private void resynchronize() throws IOException {
        in.unread(head, 1, BASE_HEADER_SIZE - 1);
        filePosition -= BASE_HEADER_SIZE - 1;
        int window = 0;
        int b;
        while ((b = in.read()) >= 0) {
            filePosition++;
            window = (window >>> 8) | (b << 24);
            if (window == OBJECT_SIGNATURE) {
                in.unread(new byte[] {'L', 'O', 'B', 'J'});
                filePosition -= 4;
                return;
            }
        }
    }

    private static boolean isAllZero(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return length < BASE_HEADER_SIZE;
    }

    private int read(byte[] target, int length) throws IOException {
        int n = in.readNBytes(target, 0, length);
        filePosition += n;
        return n;
    }

    /** The file ends inside an object: truncated, or in lenient mode the end of the data, reported in the stats. */
    private void cut(long offset, String what, long present, long missing) throws LogFormatException {
        Truncation cut = new Truncation(offset, what, present, missing, 1);
        if (!lenient) {
            throw LogFormatException.atOffset(source, offset, "truncated: " + cut.describe());
        }
        counter.truncated(cut);
    }

    private void fail(long offset, String reason, Throwable cause) throws LogFormatException {
        if (!lenient) {
            throw LogFormatException.atOffset(source, offset, reason, cause);
        }
        counter.reject();
    }

    void close() {
        inflater.end();
    }
}
