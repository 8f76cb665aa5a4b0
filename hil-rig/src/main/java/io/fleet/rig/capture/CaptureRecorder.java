package io.fleet.rig.capture;

import io.fleet.model.bus.BusRecord;
import io.fleet.rig.output.BusOutput;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives the DUT's answers from every output (on the outputs' receiver threads), feeds the matcher with the
 * receive time on the rig's monotonic clock, and writes each record, stamped in epoch nanoseconds
 * ({@code receive time + epochMinusClockNanos}), to the capture log as it arrives, so an hours-long capture needs
 * no memory. Without a capture file the records only feed the matcher, or, made by {@link #inMemory}, are kept in
 * memory (tests, short runs).
 */
public final class CaptureRecorder implements BusOutput.ReceiveHandler, Closeable {

    /** A captured record and the output it arrived on. */
    public record Captured(String output, BusRecord record) {
    }

    private final ResponseMatcher matcher;
    private final long epochMinusClockNanos;
    private final BufferedWriter candump;
    private final List<Captured> inMemory = new ArrayList<>();
    private boolean keepInMemory;
    private long written;

    /**
     * @param epochMinusClockNanos epoch nanoseconds minus the rig clock's nanoseconds at the same instant
     * @param candumpFile          capture log to write, or null to only match
     */
    public CaptureRecorder(ResponseMatcher matcher, long epochMinusClockNanos, Path candumpFile) throws IOException {
        this.matcher = matcher;
        this.epochMinusClockNanos = epochMinusClockNanos;
        this.candump = candumpFile == null ? null : Files.newBufferedWriter(candumpFile, StandardCharsets.US_ASCII);
    }

    /** A recorder that keeps every record in memory instead of writing a log. */
    public static CaptureRecorder inMemory(ResponseMatcher matcher, long epochMinusClockNanos) throws IOException {
        CaptureRecorder recorder = new CaptureRecorder(matcher, epochMinusClockNanos, null);
        recorder.keepInMemory = true;
        return recorder;
    }

    /** For the system clock: the offset from {@link System#nanoTime()} to epoch time, sampled now. */
    public static long systemEpochMinusClockNanos() {
        return System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    }

    @Override
    public void onReceive(String outputName, BusRecord record, long receivedAtNanos) {
        matcher.onReceived(record, receivedAtNanos);
        BusRecord stamped = record.withTimestampNanos(epochMinusClockNanos + receivedAtNanos);
        synchronized (this) {
            if (candump == null) {
                if (keepInMemory) {
                    inMemory.add(new Captured(outputName, stamped));
                }
                return;
            }
            String line = CandumpLineWriter.format(stamped, outputName);
            if (line != null) {
                try {
                    candump.write(line);
                    candump.write('\n');
                    written++;
                } catch (IOException e) {
                    throw new UncheckedIOException("capture log write failed", e);
                }
            }
        }
    }

    /** Records kept by an {@link #inMemory} recorder. */
    public synchronized List<Captured> captured() {
        return List.copyOf(inMemory);
    }

    /** Lines written to the capture log so far. */
    public synchronized long written() {
        return written;
    }

    @Override
    public synchronized void close() throws IOException {
        if (candump != null) {
            candump.close();
        }
    }
}
