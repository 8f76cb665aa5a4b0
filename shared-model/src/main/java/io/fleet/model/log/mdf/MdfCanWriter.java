package io.fleet.model.log.mdf;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes CAN frames as a finalized ASAM MDF 4.10 bus-logging file ({@link CanRecordLayout}), streaming: records go
 * to one ##DT block as they come; {@link #close()} writes the ##DT length, the channel metadata after the data, the
 * ##HD block (start time = the first frame's timestamp, UTC) and the ##ID block, so the file is readable only once
 * closed. Timestamps are kept to the nanosecond (int64 nanoseconds after the start time).
 */
public final class MdfCanWriter implements LogWriter {

    private static final long HEADER_BLOCK = Mdf4File.ID_BLOCK_SIZE;
    /** ##HD: 24-byte header, 6 links, 32 data bytes. */
    private static final long DATA_BLOCK = HEADER_BLOCK + MdfBlock.HEADER_SIZE + 6 * 8 + 32;
    private static final long FIRST_RECORD = DATA_BLOCK + MdfBlock.HEADER_SIZE;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_RECORD = 1 + CanRecordLayout.Group.FD.recordLength();
    private static final int MAX_BUS_CHANNEL = 65_535;

    private final FileChannel channel;
    private final String file;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final long[] cycleCounts = new long[CanRecordLayout.Group.values().length];
    private long position = FIRST_RECORD;
    private long startNanos;
    private boolean started;
    private boolean closed;

    private MdfCanWriter(FileChannel channel, String file) {
        this.channel = channel;
        this.file = file;
    }

    /** Creates (or replaces) {@code file}. */
    public static MdfCanWriter open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new MdfCanWriter(channel, file.toString());
    }

    /**
     * Appends one frame.
     *
     * @throws IllegalArgumentException for a bus channel outside 0-65535 (BusChannel is 16 bits), naming the file
     *                                  and the frame
     */
    @Override
    public void write(CanFrame frame) throws IOException {
        if (closed) {
            throw new IOException(file + ": writer is closed");
        }
        if (frame.channel() < 0 || frame.channel() > MAX_BUS_CHANNEL) {
            throw new IllegalArgumentException(file + ": bus channel " + frame.channel() + " of " + frame
                    + " does not fit MDF BusChannel (0-" + MAX_BUS_CHANNEL + ")");
        }
        if (!started) {
            startNanos = frame.timestampNanos();
            started = true;
        }
        if (buffer.remaining() < MAX_RECORD) {
            writeBuffer();
        }
        CanRecordLayout.encode(frame, startNanos, buffer);
        cycleCounts[CanRecordLayout.Group.of(frame).ordinal()]++;
    }

    /** Writes buffered records to the file (which stays unreadable as MDF until {@link #close()}). */
    @Override
    public void flush() throws IOException {
        writeBuffer();
    }

    private void writeBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            writeBuffer();
            MdfBlockWriter blocks = new MdfBlockWriter(channel, DATA_BLOCK);
            ByteBuffer dt = ByteBuffer.allocate(MdfBlock.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            dt.put("##DT".getBytes(StandardCharsets.US_ASCII)).putInt(0).putLong(position - DATA_BLOCK).putLong(0);
            blocks.write(dt.flip(), DATA_BLOCK);
            MdfBlockWriter metadata = new MdfBlockWriter(channel, position);
            long dataGroup = CanRecordLayout.writeDataGroup(metadata, DATA_BLOCK, cycleCounts);
            writeHeader(new MdfBlockWriter(channel, HEADER_BLOCK), dataGroup);
            writeIdentification(blocks);
        }
    }

    private void writeHeader(MdfBlockWriter blocks, long dataGroup) throws IOException {
        // hd_start_time_ns, hd_tz_offset_min, hd_dst_offset_min, hd_time_flags 0 (UTC), hd_time_class 0,
        // hd_flags 0, reserved, hd_start_angle_rad, hd_start_distance_m
        ByteBuffer hd = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(startNanos);
        blocks.block("HD", new long[] {dataGroup, 0, 0, 0, 0, 0}, hd.rewind());
    }

    private static void writeIdentification(MdfBlockWriter blocks) throws IOException {
        ByteBuffer id = ByteBuffer.allocate(Mdf4File.ID_BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        id.put("MDF     4.10    fleet   ".getBytes(StandardCharsets.US_ASCII)).putInt(0).putShort((short) 410);
        blocks.write(id.rewind(), 0);
    }
}
