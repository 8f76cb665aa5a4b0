package io.fleet.model.log.pcap;

/** Integer access in either byte order: capture files are written in the byte order of the capturing host. */
final class Bytes {

    private Bytes() {
    }

    static int u16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF) : (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    static int u32(byte[] b, int at, boolean bigEndian) {
        return bigEndian
                ? (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF)
                : (b[at + 3] & 0xFF) << 24 | (b[at + 2] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    static long u64(byte[] b, int at, boolean bigEndian) {
        long first = u32(b, at, bigEndian) & 0xFFFF_FFFFL;
        long second = u32(b, at + 4, bigEndian) & 0xFFFF_FFFFL;
        return bigEndian ? first << 32 | second : second << 32 | first;
    }
}
