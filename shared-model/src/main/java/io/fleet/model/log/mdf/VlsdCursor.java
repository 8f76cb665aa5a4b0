package io.fleet.model.log.mdf;

import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.util.Optional;

/**
 * Resolves the offsets a VLSD channel (cn_type 1) stores in its fixed records to the variable-length values, with
 * its own read position so the main record scan is not disturbed and memory stays constant.
 *
 * <p>Two storages exist. With cn_data linking a VLSD channel group of the same data group, the values are records of
 * that group (u32 length + bytes) interleaved with the fixed records, and the offset counts the bytes of that
 * group's records so far; CANedge firmware 01.04 writes the fixed record first and the value right after it, so
 * the cursor scans ahead over the same data. With cn_data linking ##SD (or ##DL/##DZ of ##SD) blocks, the offset
 * is a byte position in that stream, each value again a u32 length plus bytes. Offsets only grow in time order,
 * so both are a forward scan; a backwards reference restarts the scan from the beginning.
 */
final class VlsdCursor {

    private final MdfBlockReader blocks;
    private final DataGroup dataGroup;
    private final ChannelGroup vlsdGroup;
    private final long dataLink;
    private final Mdf4File file;
    private final boolean lenient;
    private DataStream stream;
    private RecordFraming framing;
    private long position;
    private Truncation storageCut;
    private byte[] value = new byte[64];
    private final byte[] lengthBytes = new byte[4];

    private VlsdCursor(MdfBlockReader blocks, DataGroup dataGroup, ChannelGroup vlsdGroup, long dataLink,
                       Mdf4File file, boolean lenient) {
        this.blocks = blocks;
        this.dataGroup = dataGroup;
        this.vlsdGroup = vlsdGroup;
        this.dataLink = dataLink;
        this.file = file;
        this.lenient = lenient;
    }

    /** A cursor for the VLSD channel {@code channel} of {@code dataGroup}. */
    static VlsdCursor of(MdfBlockReader blocks, DataGroup dataGroup, Channel channel, Mdf4File file,
                         boolean lenient) throws IOException {
        if (channel.dataLink() == 0) {
            throw blocks.error(channel.offset(), "VLSD channel " + channel.name() + " links no data");
        }
        String kind = blocks.readHeader(channel.dataLink(), "VLSD data", "CG", "SD", "DL", "DZ", "HL").id();
        if (kind.equals("CG")) {
            ChannelGroup group = dataGroup.groupAt(channel.dataLink());
            if (group == null || !group.isVlsd()) {
                throw blocks.error(channel.dataLink(), "VLSD channel " + channel.name()
                        + " links a channel group that is not a VLSD group of its data group");
            }
            return new VlsdCursor(blocks, dataGroup, group, 0, file, lenient);
        }
        return new VlsdCursor(blocks, dataGroup, null, channel.dataLink(), file, lenient);
    }

    /**
     * The value stored at {@code offset}; valid until the next call.
     *
     * @return the value's length in {@link #value()}, or -1 when no value exists at that offset
     */
    int valueAt(long offset) throws IOException {
        if (stream == null || offset < position) {
            restart();
        }
        return vlsdGroup != null ? scanGroupRecords(offset) : readStorage(offset);
    }

    /** Why the last {@link #valueAt} found no value, when the file was cut short there. */
    Optional<Truncation> truncation() {
        if (framing != null) {
            return framing.truncation();
        }
        return storageCut != null ? Optional.of(storageCut) : Optional.ofNullable(stream).map(DataStream::cutBlock);
    }

    byte[] value() {
        return value;
    }

    private void restart() throws IOException {
        position = 0;
        if (vlsdGroup != null) {
            stream = new DataStream(blocks, dataGroup.dataLink(), file, lenient);
            framing = new RecordFraming(dataGroup, stream, blocks);
        } else {
            stream = new DataStream(blocks, dataLink, file, lenient);
        }
    }

    private int scanGroupRecords(long offset) throws IOException {
        while (position <= offset) {
            ChannelGroup group = framing.next();
            if (group == null) {
                return -1;
            }
            if (group != vlsdGroup) {
                continue;
            }
            long at = position;
            position += 4 + framing.length();
            if (at == offset) {
                return copy(framing.record(), framing.length());
            }
        }
        return -1;
    }

    private int readStorage(long offset) throws IOException {
        if (stream.skip(offset - position) < offset - position) {
            return -1;
        }
        position = offset;
        long start = stream.position();
        String block = stream.currentBlock();
        int got = stream.read(lengthBytes, 0, 4);
        if (got < 4) {
            storageCut = got == 0 ? null : new Truncation(start, "VLSD value length in the " + block, got, 4 - got, 1);
            return -1;
        }
        int length = (lengthBytes[0] & 0xFF) | (lengthBytes[1] & 0xFF) << 8 | (lengthBytes[2] & 0xFF) << 16
                | (lengthBytes[3] & 0xFF) << 24;
        if (length < 0 || length > 1 << 24) {
            throw blocks.error(stream.position(), "VLSD value length " + (length & 0xFFFF_FFFFL) + " is implausible");
        }
        ensureCapacity(length);
        int n = stream.read(value, 0, length);
        position += 4 + n;
        if (n < length) {
            storageCut = new Truncation(start, "VLSD value in the " + block, 4 + n, length - n, 1);
            return -1;
        }
        return length;
    }

    private int copy(byte[] source, int length) {
        ensureCapacity(length);
        System.arraycopy(source, 0, value, 0, length);
        return length;
    }

    private void ensureCapacity(int length) {
        if (length > value.length) {
            value = new byte[length];
        }
    }
}
