package io.fleet.model.log.blf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Builds BLF files byte by byte for tests and the parse benchmark: header, containers, objects (layout as in the
 * main classes). Not a BLF writer: no object counts or sizes in the header, everything in memory.
 */
public final class BlfFileBuilder {

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final ByteArrayOutputStream objects = new ByteArrayOutputStream();

    /** Header with the given SYSTEMTIME start (all zero = none). */
    public BlfFileBuilder(int year, int month, int day, int hour, int minute, int second, int millis) {
        ByteBuffer h = le(144);
        h.put("LOGG".getBytes(StandardCharsets.US_ASCII)).putInt(144);
        h.position(40);
        h.putShort((short) year).putShort((short) month).putShort((short) 0).putShort((short) day)
                .putShort((short) hour).putShort((short) minute).putShort((short) second).putShort((short) millis);
        file.writeBytes(h.array());
    }

    /** Bytes of pending objects not yet put into containers. */
    public int pendingSize() {
        return objects.size();
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends one object (header v1, 1-ns or 10-us timestamps) to the pending container data. */
    BlfFileBuilder object(int type, boolean tenMicros, long timestamp, byte[] body) {
        int size = 32 + body.length;
        ByteBuffer o = le(size + size % 4);
        o.put("LOBJ".getBytes(StandardCharsets.US_ASCII)).putShort((short) 32).putShort((short) 1).putInt(size)
                .putInt(type).putInt(tenMicros ? 1 : 2).putShort((short) 0).putShort((short) 0).putLong(timestamp)
                .put(body);
        objects.writeBytes(o.array());
        return this;
    }

    /** Appends one object with a version-2 header (40 bytes, 1-ns timestamps). */
    BlfFileBuilder objectV2(int type, long timestamp, byte[] body) {
        int size = 40 + body.length;
        ByteBuffer o = le(size + size % 4);
        o.put("LOBJ".getBytes(StandardCharsets.US_ASCII)).putShort((short) 40).putShort((short) 2).putInt(size)
                .putInt(type).putInt(2).put((byte) 0).put((byte) 0).putShort((short) 0).putLong(timestamp)
                .putLong(timestamp).put(body);
        objects.writeBytes(o.array());
        return this;
    }

    /** Writes the pending objects straight into the file, outside any container (as old writers did). */
    BlfFileBuilder uncontained() {
        file.writeBytes(objects.toByteArray());
        objects.reset();
        return this;
    }

    public BlfFileBuilder canMessage(long timestampNanos, int channel, int flags, int dlc, int rawId, byte[] data8) {
        ByteBuffer body = le(16).putShort((short) channel).put((byte) flags).put((byte) dlc).putInt(rawId)
                .put(data8);
        return object(BlfObjectTypes.CAN_MESSAGE, false, timestampNanos, body.array());
    }

    public BlfFileBuilder canFd64(long timestampNanos, int channel, int dlc, int validBytes, int rawId, int flags,
                           int direction, byte[] data) {
        ByteBuffer body = le(40 + data.length).put((byte) channel).put((byte) dlc).put((byte) validBytes)
                .put((byte) 0).putInt(rawId).putInt(0).putInt(flags).putInt(0).putInt(0).putInt(0).putInt(0)
                .putShort((short) 0).put((byte) direction).put((byte) 0).putInt(0).put(data);
        return object(BlfObjectTypes.CAN_FD_MESSAGE_64, false, timestampNanos, body.array());
    }

    /** Moves all pending objects into containers of at most {@code chunk} uncompressed bytes each. */
    public BlfFileBuilder containers(boolean zlib, int chunk) {
        byte[] data = objects.toByteArray();
        objects.reset();
        for (int from = 0; from < data.length; from += chunk) {
            int length = Math.min(chunk, data.length - from);
            byte[] part = new byte[length];
            System.arraycopy(data, from, part, 0, length);
            rawContainer(zlib ? 2 : 0, length, zlib ? deflate(part) : part);
        }
        return this;
    }

    /** A container holding only the first {@code n} bytes of the pending objects; the rest is dropped. */
    BlfFileBuilder partialContainer(int n) {
        byte[] data = objects.toByteArray();
        objects.reset();
        byte[] part = Arrays.copyOf(data, n);
        return rawContainer(2, n, deflate(part));
    }

    /** A container with the given method, declared size and payload, as is. */
    BlfFileBuilder rawContainer(int method, int uncompressedSize, byte[] payload) {
        int size = 32 + payload.length;
        ByteBuffer c = le(size + size % 4);
        c.put("LOBJ".getBytes(StandardCharsets.US_ASCII)).putShort((short) 16).putShort((short) 1).putInt(size)
                .putInt(BlfObjectTypes.LOG_CONTAINER).putShort((short) method).position(24);
        c.putInt(uncompressedSize).position(32);
        c.put(payload);
        file.writeBytes(c.array());
        return this;
    }

    BlfFileBuilder rawBytes(byte[] bytes) {
        file.writeBytes(bytes);
        return this;
    }

    public byte[] build() {
        return file.toByteArray();
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length * 2 + 64];
        int n = deflater.deflate(out);
        deflater.end();
        byte[] result = new byte[n];
        System.arraycopy(out, 0, result, 0, n);
        return result;
    }
}
