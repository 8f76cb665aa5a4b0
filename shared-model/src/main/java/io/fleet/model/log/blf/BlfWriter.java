package io.fleet.model.log.blf;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Writes Vector BLF files that {@link BlfReader}, python-can and Vector's tools read: the 144-byte file header
 * ({@link BlfFileHeader}), then zlib LOG_CONTAINERs of 128 KiB ({@link BlfContainerWriter}) holding one object per
 * frame ({@link BlfFrameEncoder}). Streaming in constant memory; the header's statistics (file size, uncompressed
 * size, object count, first and last frame time) are only known at the end, so {@link #close()} (and
 * {@link #flush()}) write them over the header through the {@link FileChannel}.
 *
 * <p>Time: the header's measurement start is the first frame's time truncated to the millisecond (SYSTEMTIME's
 * precision), written as wall-clock time in the given zone (UTC unless told, matching {@link BlfReader}'s default);
 * objects carry nanosecond offsets from it, so epoch-nanosecond times read back exactly. A first frame before 1990
 * is taken as time from log start, not epoch time (python-can does the same): the header then holds no start time
 * and offsets count from 0, which {@link BlfReader} reads back as the same values. Frames must not be older than
 * the start: a BLF offset cannot be negative.
 *
 * <p>Rejected frames (channel outside 1 to 65535, before the start) throw IllegalArgumentException and leave the
 * file as it was; writing after {@link #close()} throws IllegalStateException.
 */
public final class BlfWriter implements LogWriter {

    /** 1990-01-01T00:00:00Z: earlier first frames are offsets from log start, not epoch time. */
    private static final long EPOCH_TIME_FROM_NANOS = 631_152_000L * 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final FileChannel channel;
    private final String source;
    private final ZoneId zone;
    private final BlfContainerWriter containers;
    private final ByteBuffer object = ByteBuffer.allocate(BlfFrameEncoder.MAX_OBJECT_SIZE)
            .order(ByteOrder.LITTLE_ENDIAN);
    private long objectCount;
    private boolean started;
    private boolean absoluteTime;
    private long startNanos;
    private long lastNanos;
    private boolean closed;

    /**
     * Writes to {@code channel}, which must be empty, writable and seekable; {@code source} names it in errors and
     * {@code zone} is the zone of the header's wall-clock times. Writes a provisional header at once.
     */
    public BlfWriter(FileChannel channel, String source, ZoneId zone) throws IOException {
        this.channel = channel;
        this.source = source;
        this.zone = zone;
        this.containers = new BlfContainerWriter(channel);
        channel.position(0);
        writeHeader();
        channel.position(BlfFileHeader.WRITTEN_SIZE);
    }

    /** Creates (or replaces) {@code file}; header times in UTC. */
    public static BlfWriter open(Path file) throws IOException {
        return open(file, ZoneOffset.UTC);
    }

    /** Creates (or replaces) {@code file}; header times as wall-clock time in {@code zone}. */
    public static BlfWriter open(Path file, ZoneId zone) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new BlfWriter(channel, file.toString(), zone);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void write(CanFrame frame) throws IOException {
        if (closed) {
            throw new IllegalStateException(source + ": BLF writer is closed");
        }
        long t = frame.timestampNanos();
        boolean first = !started;
        long start = first ? logStartFor(t) : startNanos;
        object.clear();
        try {
            BlfFrameEncoder.encode(frame, t - start, object);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (first) {
            started = true;
            startNanos = start;
            absoluteTime = t >= EPOCH_TIME_FROM_NANOS;
        }
        containers.append(object.array(), 0, object.position());
        objectCount++;
        lastNanos = t;
    }

    private static long logStartFor(long firstNanos) {
        return firstNanos < EPOCH_TIME_FROM_NANOS ? 0 : Math.floorDiv(firstNanos, NANOS_PER_MILLI) * NANOS_PER_MILLI;
    }

    /** Writes the frames so far as a container and updates the header, so the file is complete up to here. */
    @Override
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        containers.writePending();
        writeHeader();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            containers.writePending();
            writeHeader();
        } finally {
            containers.end();
        }
    }

    /** Writes the header with the statistics so far at the file's start, leaving the channel's position. */
    private void writeHeader() throws IOException {
        Instant start = absoluteTime ? instant(startNanos) : null;
        Instant stop = absoluteTime ? instant(lastNanos) : null;
        ByteBuffer header = BlfFileHeader.encode(Math.max(channel.size(), BlfFileHeader.WRITTEN_SIZE),
                BlfFileHeader.WRITTEN_SIZE + containers.uncompressedSize(), objectCount, start, stop, zone);
        for (long at = 0; header.hasRemaining(); ) {
            at += channel.write(header, at);
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
