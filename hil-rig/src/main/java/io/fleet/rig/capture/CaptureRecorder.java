package io.fleet.rig.capture;

import io.fleet.model.bus.BusRecord;
import io.fleet.rig.output.BusOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Receives the DUT's answers from every output (on the outputs' receiver threads), feeds the matcher with the
 * receive time on the rig's monotonic clock and keeps the records, stamped in epoch nanoseconds
 * ({@code receive time + epochMinusClockNanos}), for the capture log written at the end.
 */
public final class CaptureRecorder implements BusOutput.ReceiveHandler {

    /** A captured record and the output it arrived on. */
    public record Captured(String output, BusRecord record) {
    }

    private final ResponseMatcher matcher;
    private final long epochMinusClockNanos;
    private final ConcurrentLinkedQueue<Captured> captured = new ConcurrentLinkedQueue<>();

    /** @param epochMinusClockNanos epoch nanoseconds minus the rig clock's nanoseconds at the same instant */
    public CaptureRecorder(ResponseMatcher matcher, long epochMinusClockNanos) {
        this.matcher = matcher;
        this.epochMinusClockNanos = epochMinusClockNanos;
    }

    /** For the system clock: the offset from {@link System#nanoTime()} to epoch time, sampled now. */
    public static long systemEpochMinusClockNanos() {
        return System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    }

    @Override
    public void onReceive(String outputName, BusRecord record, long receivedAtNanos) {
        matcher.onReceived(record, receivedAtNanos);
        captured.add(new Captured(outputName, record.withTimestampNanos(
                epochMinusClockNanos + receivedAtNanos)));
    }

    public List<Captured> captured() {
        return new ArrayList<>(captured);
    }

    /** Writes the CAN frames received so far as a candump log, one interface name per output. */
    public long writeCandump(Path file) throws IOException {
        long lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (Captured c : captured) {
                String line = CandumpLineWriter.format(c.record(), c.output());
                if (line != null) {
                    out.write(line);
                    out.write('\n');
                    lines++;
                }
            }
        }
        return lines;
    }
}
