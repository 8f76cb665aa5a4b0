package io.fleet.rig.capture;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.LogWriters;
import io.fleet.model.log.candump.CandumpWriter;
import io.fleet.rig.output.BusOutput;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Receives the DUT's answers from every output (on the outputs' receiver threads), feeds the matcher with the
 * receive time on the rig's monotonic clock, and writes each record, stamped in epoch nanoseconds
 * ({@code receive time + epochMinusClockNanos}), to the capture log as it arrives, so an hours-long capture needs
 * no memory. The capture file's format follows its extension as {@link LogFormat} knows it ({@code .asc} ASC,
 * {@code .blf} BLF, {@code .pcap}/{@code .pcapng} for UDP answers, ...); a name without a known extension is a
 * candump log. In candump each output's name is the interface name, in ASC and BLF the output's number (1 for the
 * first capturing output) the channel. Records the format cannot hold (UDP in a CAN log, CAN in pcap) are counted in
 * {@link #skipped()}. Without a capture file the records only feed the matcher, or, made by {@link #inMemory}, are
 * kept in memory (tests, short runs).
 */
public final class CaptureRecorder implements BusOutput.ReceiveHandler, Closeable {

    /** A captured record and the output it arrived on. */
    public record Captured(String output, BusRecord record) {
    }

    private final ResponseMatcher matcher;
    private final long epochMinusClockNanos;
    private final LogFormat format;
    private final LogWriter writer;
    private final Map<String, Integer> channelByOutput = new HashMap<>();
    private final List<Captured> inMemory = new ArrayList<>();
    private boolean keepInMemory;
    private long written;
    private long skipped;

    /**
     * @param epochMinusClockNanos epoch nanoseconds minus the rig clock's nanoseconds at the same instant
     * @param captureFile          capture log to write, its format by extension (else candump), or null to only match
     * @param outputNames          the outputs that capture; their names become the candump interface names
     * @throws IllegalArgumentException when the extension names a format that cannot be written (nothing is created)
     */
    public CaptureRecorder(ResponseMatcher matcher, long epochMinusClockNanos, Path captureFile,
                           List<String> outputNames) throws IOException {
        this.matcher = matcher;
        this.epochMinusClockNanos = epochMinusClockNanos;
        Map<Integer, String> interfaceNames = new HashMap<>();
        for (String output : outputNames) {
            channelByOutput.put(output, channelByOutput.size() + 1);
            interfaceNames.put(channelByOutput.size(), output);
        }
        this.format = captureFile == null ? null : captureFormat(captureFile);
        if (format == null) {
            this.writer = null;
        } else if (format == LogFormat.CANDUMP) {
            this.writer = CandumpWriter.open(captureFile, interfaceNames, false);
        } else {
            this.writer = LogWriters.open(captureFile, format);
        }
    }

    /**
     * Refuses a capture file no capturing output can fill, before the replay: CAN answers into pcap, Ethernet
     * answers into a CAN log.
     *
     * @throws IllegalArgumentException naming the file, its format, what it holds and what the outputs receive
     */
    public static void requireSomeOutputFills(Path captureFile, List<BusOutput> outputs) {
        LogFormat format = captureFormat(captureFile);
        List<BusOutput> capturing = outputs.stream().filter(BusOutput::canReceive).toList();
        if (!capturing.isEmpty() && capturing.stream().noneMatch(o -> o.carries().contains(format.holds()))) {
            throw new IllegalArgumentException(captureFile + ": " + format + " holds " + format.holds()
                    + ", but the outputs that capture receive only " + capturing.stream()
                    .map(o -> o.name() + " " + o.carries()).collect(Collectors.joining(", ")));
        }
    }

    /** The format {@code captureFile} is written in: its extension's ({@link LogFormat#forOutput}), else candump. */
    public static LogFormat captureFormat(Path captureFile) {
        String name = captureFile.getFileName() == null ? "" : captureFile.getFileName().toString();
        return LogFormat.fromFileName(name).isPresent() ? LogFormat.forOutput(captureFile) : LogFormat.CANDUMP;
    }

    /** A recorder that keeps every record in memory instead of writing a log. */
    public static CaptureRecorder inMemory(ResponseMatcher matcher, long epochMinusClockNanos) throws IOException {
        CaptureRecorder recorder = new CaptureRecorder(matcher, epochMinusClockNanos, null, List.of());
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
            if (keepInMemory) {
                inMemory.add(new Captured(outputName, stamped));
            }
            try {
                write(outputName, stamped);
            } catch (IOException e) {
                throw new UncheckedIOException("capture log write failed", e);
            }
        }
    }

    private void write(String outputName, BusRecord stamped) throws IOException {
        if (writer == null) {
            return;
        }
        Integer channel = channelByOutput.get(outputName);
        if (!format.canHold(stamped) || channel == null) {
            skipped++;
        } else {
            writer.write(stamped instanceof CanFrame frame ? frame.withChannel(channel) : stamped);
            written++;
        }
    }

    /** Records kept by an {@link #inMemory} recorder. */
    public synchronized List<Captured> captured() {
        return List.copyOf(inMemory);
    }

    /** Records written to the capture log so far. */
    public synchronized long written() {
        return written;
    }

    /** Records the capture file's format cannot hold (UDP in a CAN log, CAN in pcap). */
    public synchronized long skipped() {
        return skipped;
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
