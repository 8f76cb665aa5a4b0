package io.fleet.model.log.mdf;

import java.nio.ByteBuffer;

/**
 * One MDF 4 block as stored: the 24-byte header ({@code ##XX} id, 4 reserved bytes, u64 block length, u64 link
 * count), the links (absolute file offsets, 0 = none) and the data section, little-endian like everything in MDF 4.
 *
 * @param offset file offset of the block header, used to locate errors
 */
record MdfBlock(long offset, String id, long length, long[] links, ByteBuffer data) {

    static final int HEADER_SIZE = 24;

    /** The link at {@code index}, or 0 when the block has fewer links (older or newer spec versions). */
    long link(int index) {
        return index < links.length ? links[index] : 0;
    }

    int u8(int position) {
        return position < data.limit() ? data.get(position) & 0xFF : 0;
    }

    int u16(int position) {
        return position + 2 <= data.limit() ? data.getShort(position) & 0xFFFF : 0;
    }

    long u32(int position) {
        return position + 4 <= data.limit() ? data.getInt(position) & 0xFFFF_FFFFL : 0;
    }

    long u64(int position) {
        return position + 8 <= data.limit() ? data.getLong(position) : 0;
    }

    double f64(int position) {
        return position + 8 <= data.limit() ? data.getDouble(position) : 0;
    }
}
