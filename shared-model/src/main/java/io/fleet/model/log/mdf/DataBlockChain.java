package io.fleet.model.log.mdf;

import java.io.IOException;

/**
 * Walks the data blocks of one data group in order: dg_data points at a single ##DT/##DZ (or ##SD for VLSD
 * data), at a ##DL data list (links: dl_dl_next, dl_data[dl_count]; the data blocks in order, continued by the next
 * list) or at a ##HL header list (link hl_dl_first; it only announces that the list's blocks are ##DZ). Holds one
 * ##DL block at a time, so memory stays constant however long the chain is.
 */
final class DataBlockChain {

    private final MdfBlockReader blocks;
    private long single;
    private MdfBlock list;
    private int index;

    DataBlockChain(MdfBlockReader blocks, long firstLink) throws IOException {
        this.blocks = blocks;
        if (firstLink == 0) {
            return;
        }
        MdfBlockReader.Header header = blocks.readHeader(firstLink, "data", "DT", "DZ", "DL", "HL", "SD", "RD");
        long listLink = firstLink;
        if (header.id().equals("HL")) {
            listLink = blocks.read(firstLink, "header list", "HL").link(0);
        } else if (!header.id().equals("DL")) {
            single = firstLink;
            return;
        }
        if (listLink != 0) {
            list = blocks.read(listLink, "data list", "DL");
        }
    }

    /** The next data block's offset, or 0 at the end. */
    long next() throws IOException {
        if (single != 0) {
            long result = single;
            single = 0;
            return result;
        }
        while (list != null) {
            // dl_data links follow dl_dl_next; a nil link inside the list means "no more blocks here"
            if (index + 1 < list.links().length && list.link(index + 1) != 0) {
                return list.link(1 + index++);
            }
            long nextList = list.link(0);
            list = nextList == 0 ? null : blocks.read(nextList, "data list", "DL");
            index = 0;
        }
        return 0;
    }

    /** Whether {@link #next()} may return another block: decides which ##DT is the last one of the group. */
    boolean hasNext() {
        if (single != 0) {
            return true;
        }
        return list != null && ((index + 1 < list.links().length && list.link(index + 1) != 0) || list.link(0) != 0);
    }
}
