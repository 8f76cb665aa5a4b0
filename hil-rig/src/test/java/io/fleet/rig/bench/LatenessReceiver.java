package io.fleet.rig.bench;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.pcap.PcapReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The receiving end of the replay benchmark ({@code scripts/bench-ethernet-vs-tcpreplay.sh}): one socket on
 * 127.0.0.1:{@code port}, one thread, one preallocated buffer, so that hil-rig replay and tcpreplay are judged by the
 * same code. It knows each sequence number's capture timestamp (from the same pcap), notes {@code System.nanoTime()}
 * as each datagram arrives and, when nothing arrived for {@code idle-seconds}, prints one line:
 * lateness p50/p99/p99.9/max in microseconds, received, missing, duplicates.
 *
 * <p>Lateness = (arrival - first arrival) - (capture time - first capture time): the replayer's start-up offset
 * cancels out, what remains is how far each datagram drifted from the capture's own spacing ({@code first_*}).
 * When the first datagram was itself late (a cold first send), most of the others come out negative, so the main
 * figures align on the most punctual datagram instead (all >= 0, same shape, shifted by {@code first_late_us}).
 * {@code spacing_*} is |arrival gap - capture gap| between neighbours in capture order (short-term precision).
 * {@code span_s} (first to last arrival) beside {@code capture_span_s} shows whether the replayer kept the pace.
 * Arrivals are only stored during the run (an array write); the histogram is filled afterwards, so the receive loop
 * stays minimal.
 *
 * <p>Usage: {@code LatenessReceiver capture.pcap [port=47000] [idle-seconds=2]}; prints {@code READY} once bound.
 */
public final class LatenessReceiver {

    private static final long NOT_RECEIVED = Long.MIN_VALUE;
    /** Generous wait for the first datagram: the replayer is a JVM or tcpreplay started after READY. */
    private static final int FIRST_WAIT_MILLIS = 60_000;

    private LatenessReceiver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LatenessReceiver capture.pcap [port] [idle-seconds]");
            System.exit(2);
        }
        long[] captureNanos = captureTimestamps(Path.of(args[0]));
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 47000;
        int idleMillis = (int) (1000 * (args.length > 2 ? Double.parseDouble(args[2]) : 2));

        long[] arrivalNanos = new long[captureNanos.length];
        Arrays.fill(arrivalNanos, NOT_RECEIVED);
        long duplicates = 0;
        long foreign = 0;
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        ByteBuffer view = ByteBuffer.wrap(buffer);
        try (DatagramSocket socket = new DatagramSocket(null)) {
            // 8 MB: the kernel caps it at net.core.rmem_max, but a brief stall of this thread must not drop datagrams
            socket.setReceiveBufferSize(8 << 20);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            warmUp(socket, packet);
            System.out.println("READY");
            System.out.flush();
            socket.setSoTimeout(FIRST_WAIT_MILLIS);
            boolean first = true;
            while (true) {
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException idle) {
                    break;
                }
                long now = System.nanoTime();
                if (first) {
                    socket.setSoTimeout(idleMillis); // from now on, 'idle' means the replay is over
                    first = false;
                }
                long seq = packet.getLength() >= 8 ? view.getLong(0) : -1;
                if (seq < 0 || seq >= arrivalNanos.length) {
                    foreign++;
                } else if (arrivalNanos[(int) seq] != NOT_RECEIVED) {
                    duplicates++;
                } else {
                    arrivalNanos[(int) seq] = now;
                }
                packet.setLength(buffer.length);
            }
        }
        report(captureNanos, arrivalNanos, duplicates, foreign);
    }

    /** Capture timestamp per sequence number (the first 8 payload bytes, see {@link SensorCaptureGenerator}). */
    static long[] captureTimestamps(Path pcap) throws Exception {
        long[] timestamps = new long[1 << 16];
        int count = 0;
        try (PcapReader reader = PcapReader.open(pcap, false)) {
            for (BusRecord record = reader.next(); record != null; record = reader.next()) {
                UdpDatagram datagram = (UdpDatagram) record;
                int seq = (int) ByteBuffer.wrap(datagram.payload(), 0, 8).getLong();
                if (seq >= timestamps.length) {
                    timestamps = Arrays.copyOf(timestamps, Math.max(seq + 1, timestamps.length * 2));
                }
                timestamps[seq] = datagram.timestampNanos();
                count = Math.max(count, seq + 1);
            }
        }
        return Arrays.copyOf(timestamps, count);
    }

    /**
     * Runs the receive path a few thousand times on datagrams from a throwaway socket (sequence -1, ignored by
     * the bookkeeping) so the first replayed datagrams do not pay for class loading and interpretation.
     */
    private static void warmUp(DatagramSocket socket, DatagramPacket packet) throws Exception {
        byte[] marker = ByteBuffer.allocate(64).putLong(-1).array();
        socket.setSoTimeout(1000);
        try (DatagramSocket sender = new DatagramSocket()) {
            DatagramPacket out = new DatagramPacket(marker, marker.length, socket.getLocalSocketAddress());
            for (int i = 0; i < 5000; i++) {
                sender.send(out);
                socket.receive(packet);
                packet.setLength(packet.getData().length);
            }
        }
    }

    private static void report(long[] captureNanos, long[] arrivalNanos, long duplicates, long foreign) {
        // offset = arrival - capture time; aligning on an offset is choosing which datagram defines "on time"
        int first = -1;
        int last = -1;
        long received = 0;
        long bestOffset = Long.MAX_VALUE;
        for (int i = 0; i < arrivalNanos.length; i++) {
            if (arrivalNanos[i] != NOT_RECEIVED) {
                received++;
                first = first < 0 || arrivalNanos[i] < arrivalNanos[first] ? i : first;
                last = last < 0 || arrivalNanos[i] > arrivalNanos[last] ? i : last;
                bestOffset = Math.min(bestOffset, arrivalNanos[i] - captureNanos[i]);
            }
        }
        // Recorded against the most punctual datagram, so every value is >= 0; the figures aligned on the first
        // arrival (the definition above) are the same distribution shifted by how late that first one was
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < arrivalNanos.length; i++) {
            if (arrivalNanos[i] != NOT_RECEIVED) {
                histogram.recordValue(arrivalNanos[i] - captureNanos[i] - bestOffset);
            }
        }
        // Spacing error between neighbours in capture order: blind to slow drift, so it shows a replayer's
        // short-term precision even when its absolute lateness grows through the run
        Histogram spacing = new Histogram(3_600_000_000_000L, 3);
        for (int i = 1; i < arrivalNanos.length; i++) {
            if (arrivalNanos[i] != NOT_RECEIVED && arrivalNanos[i - 1] != NOT_RECEIVED) {
                spacing.recordValue(Math.abs((arrivalNanos[i] - arrivalNanos[i - 1])
                        - (captureNanos[i] - captureNanos[i - 1])));
            }
        }
        double firstLate = first < 0 ? 0 : (arrivalNanos[first] - captureNanos[first] - bestOffset) / 1e3;
        System.out.printf("RESULT expected=%d received=%d missing=%d duplicates=%d foreign=%d"
                        + " span_s=%.3f capture_span_s=%.3f first_late_us=%.1f"
                        + " p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f"
                        + " first_p50_us=%.1f first_p99_us=%.1f first_p999_us=%.1f first_max_us=%.1f"
                        + " spacing_p50_us=%.1f spacing_p99_us=%.1f spacing_max_us=%.1f%n",
                captureNanos.length, received, captureNanos.length - received, duplicates, foreign,
                received == 0 ? 0 : (arrivalNanos[last] - arrivalNanos[first]) / 1e9,
                (captureNanos[captureNanos.length - 1] - captureNanos[0]) / 1e9, firstLate,
                us(histogram, 50), us(histogram, 99), us(histogram, 99.9), histogram.getMaxValue() / 1e3,
                us(histogram, 50) - firstLate, us(histogram, 99) - firstLate, us(histogram, 99.9) - firstLate,
                histogram.getMaxValue() / 1e3 - firstLate,
                us(spacing, 50), us(spacing, 99), spacing.getMaxValue() / 1e3);
    }

    private static double us(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
