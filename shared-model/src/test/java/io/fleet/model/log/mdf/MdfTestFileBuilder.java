package io.fleet.model.log.mdf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Test-only writer of small MDF 4 files: blocks are objects linked to each other, laid out in creation order after
 * the ##ID and ##HD blocks. Just enough to build the cases the real files lack (sorted groups, ##DZ, ##DL, ##HL,
 * ##SD, remote and error frames, corrupt files). CAN records use one layout, {@link #RECORD_LENGTH} bytes:
 * time u32 µs | BusChannel u8 | ID u32 (bit 31 = IDE) | DLC:4 Dir:1 EDL:1 BRS:1 ESI:1 | DataLength u8 | 8 data
 * bytes or a u64 VLSD offset.
 */
final class MdfTestFileBuilder {

    static final int RECORD_LENGTH = 19;

    private final List<Block> blocks = new ArrayList<>();
    private final Block header;

    MdfTestFileBuilder(long startNanos) {
        header = block("HD", le(24).putLong(startNanos).putShort((short) 0).putShort((short) 0).put((byte) 2),
                null, null, null, null, null, null);
    }

    /** A block with the given data and links (null = nil link). */
    Block block(String id, ByteBuffer data, Block... links) {
        Block block = new Block(id, bytes(data), links);
        blocks.add(block);
        return block;
    }

    Block text(String text) {
        byte[] utf8 = (text + "\0").getBytes(StandardCharsets.UTF_8);
        return block("TX", ByteBuffer.wrap(utf8));
    }

    Block dataGroup(int recordIdSize, Block firstGroup, Block data) {
        return block("DG", le(8).put((byte) recordIdSize), null, firstGroup, data, null);
    }

    Block channelGroup(String name, long recordId, int flags, int dataBytes, Block firstChannel) {
        return block("CG", le(32).putLong(recordId).putLong(0).putShort((short) flags).putShort((short) 0).putInt(0)
                .putInt(dataBytes).putInt(0), null, firstChannel, text(name), null, null, null);
    }

    Block channel(String name, int type, int sync, int dataType, int bitOffset, int byteOffset, int bitCount,
                  Block conversion, Block composition, Block data) {
        ByteBuffer body = le(72).put((byte) type).put((byte) sync).put((byte) dataType).put((byte) bitOffset)
                .putInt(byteOffset).putInt(bitCount).putInt(1024);
        return block("CN", body, null, composition, text(name), null, conversion, data, null, null);
    }

    Block linear(double offset, double factor) {
        return block("CC", le(40).put((byte) 1).put((byte) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 2).putDouble(0).putDouble(0).putDouble(offset).putDouble(factor));
    }

    /** Chains blocks through their first link (cn_cn_next, cg_cg_next, dg_dg_next). */
    static Block chain(Block... blocks) {
        for (int i = 0; i + 1 < blocks.length; i++) {
            blocks[i].links[0] = blocks[i + 1];
        }
        return blocks[0];
    }

    /**
     * A CAN bus-logging channel group in the layout above. {@code event} is CAN_DataFrame, CAN_RemoteFrame or
     * CAN_ErrorFrame; {@code vlsdData} (a VLSD ##CG or ##SD block) makes DataBytes a VLSD channel.
     */
    Block canGroup(String event, long recordId, Block vlsdData) {
        Block time = channel("Timestamp", 2, 1, 0, 0, 0, 32, linear(0, 1e-6), null, null);
        String p = event + ".";
        List<Block> members = new ArrayList<>(List.of(channel(p + "BusChannel", 0, 0, 0, 0, 4, 8, null, null, null),
                channel(p + "ID", 0, 0, 0, 0, 5, 32, null, null, null)));
        if (!event.equals("CAN_ErrorFrame")) {
            members.add(channel(p + "DLC", 0, 0, 0, 0, 9, 4, null, null, null));
            members.add(channel(p + "Dir", 0, 0, 0, 4, 9, 1, null, null, null));
            members.add(channel(p + "EDL", 0, 0, 0, 5, 9, 1, null, null, null));
            members.add(channel(p + "BRS", 0, 0, 0, 6, 9, 1, null, null, null));
            members.add(channel(p + "ESI", 0, 0, 0, 7, 9, 1, null, null, null));
            members.add(channel(p + "DataLength", 0, 0, 0, 0, 10, 8, null, null, null));
        }
        if (event.equals("CAN_DataFrame")) {
            members.add(channel(p + "DataBytes", vlsdData == null ? 0 : 1, 0, 10, 0, 11, 64, null, null, vlsdData));
        }
        Block frame = channel(event, 0, 0, 10, 0, 4, 8 * (RECORD_LENGTH - 4), null,
                chain(members.toArray(Block[]::new)), null);
        return channelGroup(event, recordId, 2, RECORD_LENGTH, chain(time, frame));
    }

    /** One record in the layout above (without record id). */
    static byte[] canRecord(long micros, int channel, int id, boolean extended, boolean tx, boolean fd, byte[] data,
                            long vlsdOffset) {
        int dlc = fd ? io.fleet.model.bus.CanFrame.dlcForLength(data.length) : data.length;
        ByteBuffer record = le(RECORD_LENGTH).putInt((int) micros).put((byte) channel)
                .putInt(id | (extended ? 0x8000_0000 : 0)).put((byte) (dlc | (tx ? 0x10 : 0) | (fd ? 0x20 : 0)))
                .put((byte) data.length);
        if (vlsdOffset >= 0) {
            record.putLong(vlsdOffset);
        } else {
            record.put(data, 0, Math.min(8, data.length));
        }
        return record.array();
    }

    Block dt(byte[] data) {
        return block("DT", ByteBuffer.wrap(data));
    }

    /** A ##DZ block of {@code original}, transposed with {@code columns} when > 0. */
    Block dz(byte[] original, int columns) {
        byte[] input = original;
        if (columns > 0) {
            int rows = original.length / columns;
            input = original.clone();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    input[c * rows + r] = original[r * columns + c];
                }
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(input);
        deflater.finish();
        byte[] buffer = new byte[input.length + 64];
        int n = deflater.deflate(buffer);
        deflater.end();
        ByteBuffer body = le(24 + n).put("DT".getBytes(StandardCharsets.US_ASCII)).put((byte) (columns > 0 ? 1 : 0))
                .put((byte) 0).putInt(Math.max(columns, 0)).putLong(original.length).putLong(n).put(buffer, 0, n);
        return block("DZ", body);
    }

    /** A ##DL list of {@code data} blocks with equal-length flag off (offsets unused by the reader). */
    Block dataList(Block... data) {
        ByteBuffer body = le(8 + 8 * data.length).put((byte) 0).put(new byte[3]).putInt(data.length);
        Block[] links = new Block[data.length + 1];
        System.arraycopy(data, 0, links, 1, data.length);
        return block("DL", body, links);
    }

    /** The file: ##ID with {@code fileId} ("MDF     " or "UnFinMF "), ##HD linking {@code firstDataGroup}. */
    byte[] build(String fileId, int unfinalizedFlags, Block firstDataGroup) {
        header.links[0] = firstDataGroup;
        long offset = 64;
        for (Block block : blocks) {
            block.offset = offset;
            offset += block.size();
            offset += (8 - offset % 8) % 8;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer id = le(64).put(fileId.getBytes(StandardCharsets.US_ASCII)).put("4.11    ".getBytes())
                .put("TEST    ".getBytes()).putInt(0).putShort((short) 411);
        id.putShort(60, (short) unfinalizedFlags);
        out.writeBytes(id.array());
        for (Block block : blocks) {
            ByteBuffer bytes = le((int) block.size()).put(("##" + block.id).getBytes(StandardCharsets.US_ASCII))
                    .putInt(0).putLong(block.size()).putLong(block.links.length);
            for (Block link : block.links) {
                bytes.putLong(link == null ? 0 : link.offset);
            }
            out.writeBytes(bytes.put(block.data).array());
            out.writeBytes(new byte[(int) ((8 - block.size() % 8) % 8)]);
        }
        return out.toByteArray();
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The whole backing array: unwritten bytes are the blocks' reserved zeros. */
    private static byte[] bytes(ByteBuffer buffer) {
        return buffer.array();
    }

    static final class Block {
        final String id;
        final Block[] links;
        final byte[] data;
        long offset;

        Block(String id, byte[] data, Block[] links) {
            this.id = id;
            this.data = data;
            this.links = links;
        }

        long size() {
            return 24 + 8L * links.length + data.length;
        }

        long offset() {
            return offset;
        }
    }
}
