package io.fleet.model.log.mdf;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records {@link MdfCanWriter} writes and the ##DG/##CG/##CN/##SI blocks that describe them, following the ASAM
 * MDF 4.1 bus-logging associated standard: one unsorted data group (1-byte record ids) with three bus-event channel
 * groups, classic data frames (8 data bytes), CAN FD data frames (64 data bytes) and remote frames (no data bytes).
 * Each record: time master (int64 nanoseconds since hd_start_time_ns, linear conversion 1e-9 s), then the
 * {@code CAN_DataFrame}/{@code CAN_RemoteFrame} structure: BusChannel (u16, as BLF numbers channels up to 65535),
 * ID (29 bits), IDE, Dir, EDL, BRS, ESI
 * (one bit each), DLC (4 bits), DataLength (u8) and, for data frames, DataBytes (fixed, zero-padded).
 */
final class CanRecordLayout {

    static final int TIME = 0;
    static final int BUS_CHANNEL = 8;
    static final int ID = 10;
    static final int FLAGS = 14;
    static final int DLC = 15;
    static final int DATA_LENGTH = 16;
    static final int DATA = 17;
    static final int IDE_BIT = 0;
    static final int DIR_BIT = 1;
    static final int EDL_BIT = 2;
    static final int BRS_BIT = 3;
    static final int ESI_BIT = 4;

    /** The three channel groups; the ordinal + 1 is the record id. */
    enum Group {
        CLASSIC("CAN_DataFrame", 8), FD("CAN_DataFrame", 64), REMOTE("CAN_RemoteFrame", 0);

        final String event;
        final int dataBytes;

        Group(String event, int dataBytes) {
            this.event = event;
            this.dataBytes = dataBytes;
        }

        int recordId() {
            return ordinal() + 1;
        }

        int recordLength() {
            return DATA + dataBytes;
        }

        static Group of(CanFrame frame) {
            return frame.remote() ? REMOTE : frame.fd() ? FD : CLASSIC;
        }
    }

    private static final int BYTE_ARRAY = 10;
    private static final int SIGNED_LE = 2;
    private static final int CN_FLAG_BUS_EVENT = 0x400;
    private static final int CG_FLAGS_PLAIN_BUS_EVENT = 0x2 | 0x4;

    private CanRecordLayout() {
    }

    /** Writes record id and record of {@code frame}, time relative to {@code startNanos}, into {@code out}. */
    static void encode(CanFrame frame, long startNanos, ByteBuffer out) {
        Group group = Group.of(frame);
        int start = out.position();
        out.put((byte) group.recordId());
        out.putLong(frame.timestampNanos() - startNanos);
        out.putShort((short) frame.channel());
        out.putInt(frame.id());
        int flags = (frame.extended() ? 1 << IDE_BIT : 0) | (frame.direction() == Direction.TX ? 1 << DIR_BIT : 0)
                | (frame.fd() ? 1 << EDL_BIT : 0) | (frame.bitRateSwitch() ? 1 << BRS_BIT : 0)
                | (frame.errorState() ? 1 << ESI_BIT : 0);
        out.put((byte) flags);
        out.put((byte) frame.dlc());
        out.put((byte) (frame.remote() ? frame.remoteDlc() : frame.dataLength()));
        if (group.dataBytes > 0) {
            byte[] data = frame.data();
            out.put(data);
            out.put(new byte[group.dataBytes - data.length]);
        }
        assert out.position() - start == 1 + group.recordLength();
    }

    /** Writes the metadata of the data group whose records start at {@code dataBlock}; returns the ##DG offset. */
    static long writeDataGroup(MdfBlockWriter blocks, long dataBlock, long[] cycleCounts) throws IOException {
        Map<String, Long> names = new HashMap<>();
        long timeConversion = blocks.linearConversion(0, 1e-9);
        long source = source(blocks);
        long nextGroup = 0;
        for (int i = Group.values().length - 1; i >= 0; i--) {
            Group group = Group.values()[i];
            long firstChannel = channels(blocks, names, group, timeConversion);
            ByteBuffer cg = data(32).putLong(group.recordId()).putLong(cycleCounts[i])
                    .putShort((short) CG_FLAGS_PLAIN_BUS_EVENT).putShort((short) '.').putInt(0)
                    .putInt(group.recordLength()).putInt(0);
            long name = cached(blocks, names, group.event);
            nextGroup = blocks.block("CG", new long[] {nextGroup, firstChannel, name, source, 0, 0}, cg.rewind());
        }
        ByteBuffer dg = data(8).put((byte) 1);
        return blocks.block("DG", new long[] {0, nextGroup, dataBlock, 0}, dg.rewind());
    }

    private static long source(MdfBlockWriter blocks) throws IOException {
        // si_type 2 (bus), si_bus_type 2 (CAN), si_flags 0
        ByteBuffer si = data(8).put((byte) 2).put((byte) 2);
        return blocks.block("SI", new long[] {blocks.text("CAN"), 0, 0}, si.rewind());
    }

    private static long channels(MdfBlockWriter blocks, Map<String, Long> names, Group group, long timeConversion)
            throws IOException {
        String prefix = group.event + ".";
        // member name, byte offset, bit offset, bit count
        List<Object[]> fields = new ArrayList<>(List.of(
                new Object[] {"BusChannel", BUS_CHANNEL, 0, 16},
                new Object[] {"ID", ID, 0, 29},
                new Object[] {"IDE", FLAGS, IDE_BIT, 1},
                new Object[] {"Dir", FLAGS, DIR_BIT, 1},
                new Object[] {"DLC", DLC, 0, 4},
                new Object[] {"DataLength", DATA_LENGTH, 0, 8}));
        if (group != Group.REMOTE) {
            fields.add(new Object[] {"EDL", FLAGS, EDL_BIT, 1});
            fields.add(new Object[] {"BRS", FLAGS, BRS_BIT, 1});
            fields.add(new Object[] {"ESI", FLAGS, ESI_BIT, 1});
            fields.add(new Object[] {"DataBytes", DATA, 0, group.dataBytes * 8});
        }
        long next = 0;
        for (int i = fields.size() - 1; i >= 0; i--) {
            Object[] f = fields.get(i);
            boolean bytes = f[0].equals("DataBytes");
            next = channel(blocks, next, 0, cached(blocks, names, prefix + f[0]), 0, Channel.FIXED, 0,
                    bytes ? BYTE_ARRAY : 0, (Integer) f[2], (Integer) f[1], (Integer) f[3]);
        }
        long structure = channel(blocks, 0, next, cached(blocks, names, group.event), 0, Channel.FIXED, 0,
                BYTE_ARRAY, 0, BUS_CHANNEL, (group.recordLength() - BUS_CHANNEL) * 8);
        return channel(blocks, structure, 0, cached(blocks, names, "Timestamp"), timeConversion, Channel.MASTER,
                Channel.SYNC_TIME, SIGNED_LE, 0, TIME, 64);
    }

    private static long channel(MdfBlockWriter blocks, long next, long composition, long name, long conversion,
                                int type, int syncType, int dataType, int bitOffset, int byteOffset, int bitCount)
            throws IOException {
        ByteBuffer cn = data(72).put((byte) type).put((byte) syncType).put((byte) dataType).put((byte) bitOffset)
                .putInt(byteOffset).putInt(bitCount).putInt(type == Channel.MASTER ? 0 : CN_FLAG_BUS_EVENT);
        return blocks.block("CN", new long[] {next, composition, name, 0, conversion, 0, 0, 0}, cn.rewind());
    }

    private static long cached(MdfBlockWriter blocks, Map<String, Long> names, String name) throws IOException {
        Long offset = names.get(name);
        if (offset == null) {
            offset = blocks.text(name);
            names.put(name, offset);
        }
        return offset;
    }

    private static ByteBuffer data(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
