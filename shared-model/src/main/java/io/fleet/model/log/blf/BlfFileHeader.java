package io.fleet.model.log.blf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoField;

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
 * {@link BlfWriter} writes the same 144 bytes with application id 0 (unknown: not a Vector application), binlog
 * API version 2.6.8.1 (what python-can writes, whose files Vector tools open) and "objects read" 0.
 *
 * @param headerSize       bytes before the first object
 * @param objectCount      objects in the file as the writer counted them (containers not included)
 * @param startEpochNanos  measurement start as epoch nanoseconds; object times are offsets from it. 0 when the
 *                         header holds no valid start time (then frame times are offsets from log start)
 */
record BlfFileHeader(int headerSize, long objectCount, long startEpochNanos) {

    static final int MIN_SIZE = 72;
    static final int WRITTEN_SIZE = 144;
    static final int SIGNATURE = 0x4747_4F4C; // "LOGG" read little-endian
    private static final int START_TIME = 40;
    private static final int STOP_TIME = 56;
    private static final byte[] BL_API_VERSION = {2, 6, 8, 1};

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
        return new BlfFileHeader(headerSize, Integer.toUnsignedLong(b.getInt(32)),
                systemTimeToEpochNanos(b, START_TIME, zone));
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

    /**
     * The {@link #WRITTEN_SIZE}-byte header for a file of {@code fileSize} bytes ({@code uncompressedSize} with its
     * containers unpacked) holding {@code objectCount} objects; {@code start} and {@code stop} are written as
     * SYSTEMTIME in {@code zone}, or as zeros when null (no absolute time).
     */
    static ByteBuffer encode(long fileSize, long uncompressedSize, long objectCount, Instant start, Instant stop,
                             ZoneId zone) {
        ByteBuffer b = ByteBuffer.allocate(WRITTEN_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(SIGNATURE).putInt(WRITTEN_SIZE).put(12, BL_API_VERSION); // application id and version at 8: 0
        b.putLong(16, fileSize).putLong(24, uncompressedSize).putInt(32, (int) objectCount).putInt(36, 0);
        putSystemTime(b, START_TIME, start, zone);
        putSystemTime(b, STOP_TIME, stop, zone);
        return b.clear();
    }

    private static void putSystemTime(ByteBuffer b, int at, Instant instant, ZoneId zone) {
        if (instant == null) {
            return;
        }
        LocalDateTime t = LocalDateTime.ofInstant(instant, zone);
        int[] fields = {t.getYear(), t.getMonthValue(), t.getDayOfWeek().getValue() % 7, t.getDayOfMonth(),
            t.getHour(), t.getMinute(), t.getSecond(), t.get(ChronoField.MILLI_OF_SECOND)};
        for (int i = 0; i < fields.length; i++) {
            b.putShort(at + 2 * i, (short) fields[i]);
        }
    }
}
