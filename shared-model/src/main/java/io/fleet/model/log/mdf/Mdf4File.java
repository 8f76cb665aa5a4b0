package io.fleet.model.log.mdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What an MDF 4 file says about itself: identification, start time and channel groups, read from the metadata
 * blocks only (no data is scanned, so this is cheap even for large files).
 *
 * <p>The 64-byte ##ID block at offset 0 is not a regular block: {@code id_file} is "MDF     " for a finalized file
 * or "UnFinMF " while a logger is still writing (CANedge files always stay so), {@code id_vers} e.g. "4.11    ",
 * {@code id_prog} the writer, {@code id_ver} the version number (411) at byte 28 and, at byte 60, the
 * {@code id_unfin_flags} that tell which fields the writer did not update: bit 0 cg/ca cycle counters, bit 1 sr
 * cycle counters, bit 2 length of the last ##DT block, bit 3 length of the last ##RD block, bit 4 the last ##DL
 * block, bit 5 cg_data_bytes of VLSD groups, bit 6 VLSD offsets; {@code id_custom_unfin_flags} follow at byte 62.
 * The ##HD block always starts at offset 64.
 */
public final class Mdf4File {

    /** id_unfin_flags bit 2: the last ##DT block's length was not written (CANedge leaves it at 24, header only). */
    public static final int UNFIN_LAST_DT_LENGTH = 1 << 2;
    static final int ID_BLOCK_SIZE = 64;

    private final String fileId;
    private final String version;
    private final String programId;
    private final int versionNumber;
    private final int unfinalizedFlags;
    private final int customUnfinalizedFlags;
    private final long startTimeNanos;
    private final int timeZoneOffsetMinutes;
    private final int dstOffsetMinutes;
    private final int timeFlags;
    private final List<DataGroup> dataGroups;

    private Mdf4File(ByteBuffer id, MdfBlock header, List<DataGroup> dataGroups) {
        this.fileId = ascii(id, 0, 8);
        this.version = ascii(id, 8, 8).trim();
        this.programId = ascii(id, 16, 8).trim();
        this.versionNumber = id.getShort(28) & 0xFFFF;
        this.unfinalizedFlags = id.getShort(60) & 0xFFFF;
        this.customUnfinalizedFlags = id.getShort(62) & 0xFFFF;
        // HD data: hd_start_time_ns u64, hd_tz_offset_min i16, hd_dst_offset_min i16, hd_time_flags u8, ...
        this.startTimeNanos = header.u64(0);
        this.timeZoneOffsetMinutes = (short) header.u16(8);
        this.dstOffsetMinutes = (short) header.u16(10);
        this.timeFlags = header.u8(12);
        this.dataGroups = List.copyOf(dataGroups);
    }

    /** Reads the metadata of the MDF 4 file at {@code path}. */
    public static Mdf4File read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(new MdfBlockReader(channel, channel.size(), path.toString()));
        }
    }

    static Mdf4File read(MdfBlockReader blocks) throws IOException {
        if (blocks.fileSize() < ID_BLOCK_SIZE + MdfBlock.HEADER_SIZE) {
            throw blocks.error(blocks.fileSize(), "too short for an MDF file (" + blocks.fileSize() + " bytes)");
        }
        ByteBuffer id = blocks.readBytes(0, ID_BLOCK_SIZE, "identification block");
        String fileId = ascii(id, 0, 8);
        if (!fileId.equals("MDF     ") && !fileId.equals("UnFinMF ")) {
            throw blocks.error(0, "not an MDF file: magic is '" + fileId.strip() + "', expected 'MDF' or 'UnFinMF'");
        }
        int versionNumber = id.getShort(28) & 0xFFFF;
        if (versionNumber < 400 || versionNumber >= 500) {
            throw blocks.error(28, "MDF version " + versionNumber + " is not supported, only 4.x");
        }
        // HD links: hd_dg_first, hd_fh_first, hd_ch_first, hd_at_first, hd_ev_first, hd_md_comment
        MdfBlock header = blocks.read(ID_BLOCK_SIZE, "header", "HD");
        return new Mdf4File(id, header, new MdfStructureReader(blocks).readDataGroups(header.link(0)));
    }

    /** "MDF     " or "UnFinMF ". */
    public String fileId() {
        return fileId;
    }

    public boolean isUnfinalized() {
        return fileId.startsWith("UnFin");
    }

    /** id_vers, e.g. "4.11". */
    public String version() {
        return version;
    }

    /** id_ver, e.g. 411. */
    public int versionNumber() {
        return versionNumber;
    }

    /** id_prog: the writing program ("CE" for CANedge). */
    public String programId() {
        return programId;
    }

    public int unfinalizedFlags() {
        return unfinalizedFlags;
    }

    public int customUnfinalizedFlags() {
        return customUnfinalizedFlags;
    }

    /**
     * hd_start_time_ns: nanoseconds since 1970-01-01 in UTC, unless {@link #startTimeIsLocal()}, in which case the
     * writer did not know its time zone and the value is local wall-clock time (used unchanged).
     */
    public long startTimeNanos() {
        return startTimeNanos;
    }

    /** hd_time_flags bit 0. */
    public boolean startTimeIsLocal() {
        return (timeFlags & 1) != 0;
    }

    /** hd_tz_offset_min, meaningful when hd_time_flags bit 1 is set; informational (start time is UTC then). */
    public int timeZoneOffsetMinutes() {
        return (timeFlags & 2) != 0 ? timeZoneOffsetMinutes : 0;
    }

    public int dstOffsetMinutes() {
        return (timeFlags & 2) != 0 ? dstOffsetMinutes : 0;
    }

    /** Every channel group of every data group, in file order. */
    public List<GroupInfo> channelGroups() {
        List<GroupInfo> infos = new ArrayList<>();
        for (int i = 0; i < dataGroups.size(); i++) {
            for (ChannelGroup group : dataGroups.get(i).groups()) {
                String busEvent = null;
                for (Channel channel : group.channels()) {
                    if (!channel.members().isEmpty()) {
                        busEvent = channel.name();
                    }
                }
                infos.add(new GroupInfo(i, group.recordId(), group.acquisitionName(), group.sourceName(), busEvent,
                        group.isVlsd(), group.cycleCount()));
            }
        }
        return infos;
    }

    List<DataGroup> dataGroups() {
        return dataGroups;
    }

    private static String ascii(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * One channel group as the file declares it.
     *
     * @param name       cg_acq_name ("CAN1_Rx_IDE", "CAN_DataFrame"), null when the group has none (VLSD groups)
     * @param source     bus name from the acquisition source ("CAN1"), may be null
     * @param busEvent   name of the bus-event structure channel ("CAN_DataFrame", "LIN_Frame"), null if none
     * @param cycleCount cg_cycle_count as stored: 0 in unfinalized files, where only reading the data counts records
     */
    public record GroupInfo(int dataGroup, long recordId, String name, String source, String busEvent, boolean vlsd,
                            long cycleCount) {
    }
}
