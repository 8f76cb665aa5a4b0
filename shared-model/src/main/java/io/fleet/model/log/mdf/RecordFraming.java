package io.fleet.model.log.mdf;

import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a data group's stream into records. Sorted groups (dg_rec_id_size 0) hold records of their single channel
 * group back to back. Unsorted groups prefix every record with its little-endian record id; the length then follows
 * from the channel group: cg_data_bytes + cg_inval_bytes for fixed records, or, for VLSD channel groups, a u32
 * length and that many bytes (variable-length values such as CAN FD payloads, referenced by offset from the
 * fixed records of another group).
 */
final class RecordFraming {

    /** A record or VLSD value above this is corruption (CAN FD needs 64 bytes, Ethernet frames < 10 kB). */
    private static final long MAX_VLSD_LENGTH = 1 << 24;

    private final DataStream stream;
    private final MdfBlockReader blocks;
    private final int recordIdSize;
    private final ChannelGroup onlyGroup;
    private final Map<Long, ChannelGroup> groups = new HashMap<>();
    /** Record ids below 256 (all of CANedge's) resolved without boxing: this lookup runs once per record. */
    private final ChannelGroup[] smallIds = new ChannelGroup[256];
    private final byte[] header = new byte[8];
    private byte[] record = new byte[256];
    private int length;
    private long recordStart;
    private boolean partialTail;
    private String partialWhat;
    private long partialPresent;
    private long partialMissing;

    RecordFraming(DataGroup dataGroup, DataStream stream, MdfBlockReader blocks) throws LogFormatException {
        this.stream = stream;
        this.blocks = blocks;
        this.recordIdSize = dataGroup.recordIdSize();
        for (ChannelGroup group : dataGroup.groups()) {
            if (!group.isVlsd() && group.recordLength() > MAX_VLSD_LENGTH) {
                throw blocks.error(group.offset(), "record length " + group.recordLength() + " of channel group '"
                        + group.acquisitionName() + "' is implausible");
            }
            groups.put(group.recordId(), group);
            if (group.recordId() >= 0 && group.recordId() < smallIds.length) {
                smallIds[(int) group.recordId()] = group;
            }
        }
        if (recordIdSize == 0 && dataGroup.groups().size() != 1) {
            throw blocks.error(dataGroup.offset(), "sorted data group (dg_rec_id_size 0) must hold exactly one "
                    + "channel group, not " + dataGroup.groups().size());
        }
        this.onlyGroup = recordIdSize == 0 ? dataGroup.groups().get(0) : null;
        if (onlyGroup != null && (onlyGroup.isVlsd() || onlyGroup.recordLength() == 0)) {
            // without record ids, only a fixed non-zero length delimits records (and ends the stream)
            throw blocks.error(onlyGroup.offset(), "sorted channel group must have fixed records of at least 1 byte");
        }
    }

    /**
     * Reads the next record into {@link #record()}.
     *
     * @return its channel group, or null at the end of the data (see {@link #endedWithPartialRecord()})
     * @throws LogFormatException for a record id no channel group declares: the stream cannot be resynchronised
     */
    ChannelGroup next() throws IOException {
        recordStart = stream.position();
        String block = stream.currentBlock();
        ChannelGroup group = onlyGroup;
        if (group == null) {
            int n = stream.read(header, 0, recordIdSize);
            if (n < recordIdSize) {
                return n == 0 ? null : partial("record id in the " + block, n, recordIdSize - n);
            }
            long id = 0;
            for (int i = recordIdSize - 1; i >= 0; i--) {
                id = (id << 8) | (header[i] & 0xFF);
            }
            group = id >= 0 && id < smallIds.length ? smallIds[(int) id] : groups.get(id);
            if (group == null) {
                throw blocks.error(recordStart, "record id " + id + " belongs to no channel group of this data group");
            }
        }
        String what = "record of channel group '" + group.acquisitionName() + "' in the " + block;
        long recordLength = group.recordLength();
        int prefix = recordIdSize;
        if (group.isVlsd()) {
            int n = stream.read(header, 0, 4);
            if (n < 4) {
                return partial("VLSD " + what, prefix + n, 4 - n);
            }
            prefix += 4;
            recordLength = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16
                    | (long) (header[3] & 0xFF) << 24;
            if (recordLength > MAX_VLSD_LENGTH) {
                throw blocks.error(recordStart, "VLSD record length " + recordLength + " is implausible");
            }
        }
        if (recordLength > record.length) {
            record = new byte[(int) Math.max(recordLength, record.length * 2L)];
        }
        length = (int) recordLength;
        int n = stream.read(record, 0, length);
        if (n < length) {
            // sorted: 0 bytes is a clean end
            return onlyGroup != null && n == 0 ? null : partial(what, prefix + n, length - n);
        }
        return group;
    }

    private ChannelGroup partial(String what, long present, long missing) {
        partialTail = true;
        partialWhat = what;
        partialPresent = present;
        partialMissing = missing;
        return null;
    }

    /** The current record's bytes after the record id (for VLSD records: the value without its length). */
    byte[] record() {
        return record;
    }

    int length() {
        return length;
    }

    /** File offset where the current record starts (its ##DZ block when compressed). */
    long recordStart() {
        return recordStart;
    }

    /** True when the data ended inside a record: normal for unfinalized files cut off by power loss. */
    boolean endedWithPartialRecord() {
        return partialTail;
    }

    /**
     * How the data was cut short, once {@link #next()} returned null: the record it ends inside, and a block that
     * claimed more bytes than the file holds (lenient mode); empty when the data ended cleanly.
     */
    Optional<Truncation> truncation() {
        Truncation block = stream.cutBlock();
        if (partialTail) {
            // a cut block lost the bytes after this record too: say how many, the records there are not counted
            String what = block == null || block.bytesMissing() <= partialMissing ? partialWhat
                    : partialWhat + ", which lacks " + block.bytesMissing() + " bytes";
            return Optional.of(new Truncation(recordStart, what, partialPresent, partialMissing, 1));
        }
        if (block != null && onlyGroup != null) {
            long lost = Math.max(1, block.bytesMissing() / onlyGroup.recordLength());
            return Optional.of(new Truncation(block.byteOffset(), block.what(), block.bytesPresent(),
                    block.bytesMissing(), lost));
        }
        return Optional.ofNullable(block);
    }
}
