package io.fleet.rig.capture;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.candump.CandumpWriter;
import io.fleet.model.log.pcap.PcapWriter;
import io.fleet.rig.output.BusOutput;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Receives the DUT's answers from every output (on the outputs' receiver threads), feeds the matcher with the
 * receive time on the rig's monotonic clock, and writes each record, stamped in epoch nanoseconds
 * ({@code receive time + epochMinusClockNanos}), to the capture log as it arrives, so an hours-long capture needs
 * no memory. A {@code .pcap}/{@code .pcapng} capture file takes the UDP answers, any other name is a candump log of
 * the CAN answers with each output's name as interface name; records the file cannot hold are counted in
 * {@link #skipped()}. Without a capture file the records only feed the matcher, or, made by {@link #inMemory}, are
 * kept in memory (tests, short runs).
 */
public final class CaptureRecorder implements BusOutput.ReceiveHandler, Closeable {

    /** A captured record and the output it arrived on. */
    public record Captured(String output, BusRecord record) {
    }

    private final ResponseMatcher matcher;
    private final long epochMinusClockNanos;
    private final CandumpWriter candump;
    private final Map<String, Integer> channelByOutput = new HashMap<>();
    private final PcapWriter pcap;
    private final List<Captured> inMemory = new ArrayList<>();
    private boolean keepInMemory;
    private long written;
    private long skipped;

    /**
     * @param epochMinusClockNanos epoch nanoseconds minus the rig clock's nanoseconds at the same instant
     * @param captureFile          capture log to write (candump, or pcap by extension), or null to only match
     * @param outputNames          the outputs that capture; their names become the candump interface names
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
        String name = captureFile == null ? "" : captureFile.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean pcapFile = name.endsWith(".pcap") || name.endsWith(".pcapng");
        this.pcap = pcapFile ? PcapWriter.create(captureFile, name.endsWith(".pcapng") ? PcapWriter.Format.PCAPNG
                : PcapWriter.Format.PCAP_NANOS) : null;
        this.candump = captureFile == null || pcapFile ? null
                : CandumpWriter.open(captureFile, interfaceNames, false);
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
        if (pcap != null) {
            if (stamped instanceof UdpDatagram datagram) {
                pcap.write(datagram);
                written++;
            } else {
                skipped++;
            }
        } else if (candump != null) {
            Integer channel = channelByOutput.get(outputName);
            if (stamped instanceof CanFrame frame && channel != null) {
                candump.write(frame.withChannel(channel));
                written++;
            } else {
                skipped++;
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

    /** Records the capture file's format cannot hold (UDP in candump, CAN in pcap). */
    public synchronized long skipped() {
        return skipped;
    }

    @Override
    public synchronized void close() throws IOException {
        if (candump != null) {
            candump.close();
        }
        if (pcap != null) {
            pcap.close();
        }
    }
}
