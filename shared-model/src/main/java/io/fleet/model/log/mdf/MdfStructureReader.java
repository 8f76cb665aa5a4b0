package io.fleet.model.log.mdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the metadata tree below the ##HD block: ##DG -> ##CG -> ##CN (with compositions) -> ##CC/##TX/##SI. Only
 * metadata is read here; it is small (a CANedge file has ~100 groups and ~1,000 channels, ~100 kB).
 * Linked lists are followed with a visited set so a corrupt file with a link cycle fails instead of looping.
 */
final class MdfStructureReader {

    private final MdfBlockReader blocks;

    MdfStructureReader(MdfBlockReader blocks) {
        this.blocks = blocks;
    }

    List<DataGroup> readDataGroups(long firstDataGroup) throws IOException {
        List<DataGroup> groups = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        for (long offset = firstDataGroup; offset != 0; ) {
            checkNotVisited(visited, offset, "data group");
            // DG links: dg_dg_next, dg_cg_first, dg_data, dg_md_comment; data: dg_rec_id_size (u8), 7 reserved
            MdfBlock dg = blocks.read(offset, "data group", "DG");
            int recordIdSize = dg.u8(0);
            if (recordIdSize != 0 && recordIdSize != 1 && recordIdSize != 2 && recordIdSize != 4
                    && recordIdSize != 8) {
                throw blocks.error(offset, "dg_rec_id_size must be 0, 1, 2, 4 or 8 but is " + recordIdSize);
            }
            groups.add(new DataGroup(offset, recordIdSize, dg.link(2), readChannelGroups(dg.link(1))));
            offset = dg.link(0);
        }
        return groups;
    }

    private List<ChannelGroup> readChannelGroups(long first) throws IOException {
        List<ChannelGroup> groups = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        for (long offset = first; offset != 0; ) {
            checkNotVisited(visited, offset, "channel group");
            // CG links: cg_cg_next, cg_cn_first, cg_tx_acq_name, cg_si_acq_source, cg_sr_first, cg_md_comment
            MdfBlock cg = blocks.read(offset, "channel group", "CG");
            String sourceName = null;
            if (cg.link(3) != 0) {
                // SI links: si_tx_name, si_tx_path, si_md_comment
                sourceName = blocks.readText(blocks.read(cg.link(3), "source information", "SI").link(0), "SI name");
            }
            groups.add(new ChannelGroup(offset, cg.u64(0), blocks.readText(cg.link(2), "acquisition name"),
                    sourceName, cg.u64(8), cg.u16(16), cg.u32(24), cg.u32(28), readChannels(cg.link(1), 0)));
            offset = cg.link(0);
        }
        return groups;
    }

    private List<Channel> readChannels(long first, int depth) throws IOException {
        if (depth > 4) {
            throw blocks.error(first, "channel compositions nested deeper than 4 levels");
        }
        List<Channel> channels = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        for (long offset = first; offset != 0; ) {
            checkNotVisited(visited, offset, "channel");
            // CN links: cn_cn_next, cn_composition, cn_tx_name, cn_si_source, cn_cc_conversion, cn_data, unit,
            // comment. Data: type, sync type, data type, bit offset (u8 each), byte offset, bit count (u32), ...
            MdfBlock cn = blocks.read(offset, "channel", "CN");
            List<Channel> members = List.of();
            if (cn.link(1) != 0) {
                // A composition is either a member channel list (structures, used by bus logging) or a ##CA array,
                // which bus-logging readers do not need.
                String kind = blocks.readHeader(cn.link(1), "composition", "CN", "CA").id();
                members = kind.equals("CN") ? readChannels(cn.link(1), depth + 1) : List.of();
            }
            channels.add(new Channel(offset, blocks.readText(cn.link(2), "channel name"), cn.u8(0), cn.u8(1),
                    cn.u8(2), cn.u8(3), cn.u32(4), cn.u32(8), cn.link(5), readConversion(cn.link(4)), members));
            offset = cn.link(0);
        }
        return channels;
    }

    private Conversion readConversion(long offset) throws IOException {
        if (offset == 0) {
            return Conversion.IDENTITY;
        }
        // CC data: cc_type, cc_precision (u8), cc_flags, cc_ref_count, cc_val_count (u16), phys range (2 x f64),
        // then cc_val_count doubles
        MdfBlock cc = blocks.read(offset, "conversion", "CC");
        int type = cc.u8(0);
        int valueCount = cc.u16(6);
        if (24 + valueCount * 8L > cc.data().limit()) {
            throw blocks.error(offset, "conversion declares " + valueCount + " values but its block is too short");
        }
        double[] values = new double[valueCount];
        for (int i = 0; i < valueCount; i++) {
            values[i] = cc.f64(24 + 8 * i);
        }
        if (type == Conversion.LINEAR && valueCount < 2) {
            throw blocks.error(offset, "linear conversion needs 2 values but has " + valueCount);
        }
        return new Conversion(type, values);
    }

    private void checkNotVisited(Set<Long> visited, long offset, String what) throws IOException {
        if (!visited.add(offset)) {
            throw blocks.error(offset, what + " list links back to itself (cycle)");
        }
    }
}
