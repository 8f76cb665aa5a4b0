package io.fleet.model.log.blf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The BLF file header ("LOGG"), little-endian, 144 bytes in the files CANoe and python-can write:
 * <pre>
 *   0  char[4]  signature "LOGG"
 *   4  u32      header size (the first object starts here)
 *   8  u8[8]    application id, application major/minor/build, BL API major/minor/build/patch
 *  16  u64      file size
 *  24  u64      uncompressed size
 *  32  u32      object count
 *  36  u32      objects read
 *  40  u16[8]   measurement start, Windows SYSTEMTIME: year, month, day of week, day, hour, minute, second, ms
 *  56  u16[8]   measurement end, SYSTEMTIME
 *  72           reserved up to header size
 * </pre>
 *
 * @param headerSize       bytes before the first object
 * @param objectCount      objects in the file as the writer counted them (containers not included)
 * @param startEpochNanos  measurement start as epoch nanoseconds; object times are offsets from it. 0 when the
 *                         header holds no valid start time (then frame times are offsets from log start)
 */
record BlfFileHeader(int headerSize, long objectCount, long startEpochNanos) {

    static final int MIN_SIZE = 72;
    static final int SIGNATURE = 0x4747_4F4C; // "LOGG" read little-endian

    /**
     * Parses the first {@link #MIN_SIZE} bytes; SYSTEMTIME is the logging PC's local time, read in {@code zone}.
     * Throws IllegalArgumentException with the reason when this is not a BLF header.
     */
    static BlfFileHeader parse(byte[] bytes, ZoneId zone) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != SIGNATURE) {
            throw new IllegalArgumentException("not a BLF file: signature is not \"LOGG\"");
        }
        int headerSize = b.getInt(4);
        if (headerSize < MIN_SIZE || headerSize > 1 << 16) {
            throw new IllegalArgumentException("implausible BLF header size " + Integer.toUnsignedString(headerSize));
        }
        return new BlfFileHeader(headerSize, Integer.toUnsignedLong(b.getInt(32)), systemTimeToEpochNanos(b, 40, zone));
    }

    private static long systemTimeToEpochNanos(ByteBuffer b, int at, ZoneId zone) {
        int year = b.getShort(at) & 0xFFFF;
        int month = b.getShort(at + 2) & 0xFFFF;
        int day = b.getShort(at + 6) & 0xFFFF;
        int hour = b.getShort(at + 8) & 0xFFFF;
        int minute = b.getShort(at + 10) & 0xFFFF;
        int second = b.getShort(at + 12) & 0xFFFF;
        int millis = b.getShort(at + 14) & 0xFFFF;
        if (year == 0) {
            return 0; // python-can and others write zeros when the start is unknown
        }
        try {
            Instant start = LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .atZone(zone).toInstant();
            return start.getEpochSecond() * 1_000_000_000L + start.getNano();
        } catch (DateTimeException e) {
            return 0; // an invalid start time must not make the frames unreadable
        }
    }
}
