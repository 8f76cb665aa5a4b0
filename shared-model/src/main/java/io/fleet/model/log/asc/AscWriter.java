package io.fleet.model.log.asc;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.internal.TextOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Writes Vector ASC logs: {@code date} header, {@code base hex  timestamps absolute}, one trigger block, classic
 * and CAN FD frame lines (see {@link AscLineFormatter}), in the shape CANoe and python-can write and read.
 *
 * <p>The {@code date} header is the first frame's time truncated to milliseconds (the header's precision), written
 * as wall-clock time in the given zone (UTC unless told, matching {@link AscReader}'s default); line times are
 * offsets from it with microsecond resolution, so sub-microsecond detail is truncated. Frames must not be older
 * than the first frame's millisecond. The header is written with the first frame, or at close for an empty log.
 */
public final class AscWriter implements LogWriter {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final TextOutput out;
    private final ZoneId zone;
    private boolean headerWritten;
    private long startNanos;

    public AscWriter(Writer out, ZoneId zone) {
        this(TextOutput.of(out), zone);
    }

    /** Writes ISO-8859-1 bytes to {@code out} in large blocks (it needs no buffering). */
    public AscWriter(OutputStream out, ZoneId zone) {
        this(new TextOutput(out), zone);
    }

    private AscWriter(TextOutput out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    public static AscWriter open(Path file) throws IOException {
        return open(file, ZoneOffset.UTC);
    }

    public static AscWriter open(Path file, ZoneId zone) throws IOException {
        return new AscWriter(Files.newOutputStream(file), zone);
    }

    @Override
    public void write(CanFrame frame) throws IOException {
        if (!headerWritten) {
            writeHeader(Math.floorDiv(frame.timestampNanos(), NANOS_PER_MILLI) * NANOS_PER_MILLI);
        }
        long offset = frame.timestampNanos() - startNanos;
        if (offset < 0) {
            throw new IllegalArgumentException("frame at " + frame.timestampNanos()
                    + " ns is before the log start " + startNanos + " ns");
        }
        AscLineFormatter.format(out, frame, offset);
        out.endLine();
    }

    private void writeHeader(long start) throws IOException {
        startNanos = start;
        headerWritten = true;
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L),
                Math.floorMod(start, 1_000_000_000L));
        String date = AscDates.format(LocalDateTime.ofInstant(instant, zone));
        out.append("date ").append(date).append('\n')
                .append("base hex  timestamps absolute\n")
                .append("internal events logged\n")
                .append("// version 9.0.0\n")
                .append("Begin Triggerblock ").append(date).append('\n')
                .append("   0.000000 Start of measurement\n");
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (!headerWritten) {
                writeHeader(0);
            }
            out.append("End TriggerBlock\n");
        } finally {
            out.close();
        }
    }
}
