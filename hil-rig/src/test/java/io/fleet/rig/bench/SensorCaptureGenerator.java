package io.fleet.rig.bench;

import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.pcap.PcapWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a pcap resembling a sensor gateway's Automotive Ethernet output, for the replay benchmark
 * ({@code scripts/bench-ethernet-vs-tcpreplay.sh}): a lidar stream of 1,206-byte datagrams every 500 us plus a
 * radar stream of 800-byte datagrams at 20 Hz, all toward 127.0.0.1:{@code port} so that both hil-rig replay and
 * tcpreplay (on {@code lo}) reach the same receiver socket. The first 8 bytes of every payload are a sequence
 * number in capture order: {@link LatenessReceiver} maps each arrival back to its capture timestamp with it.
 *
 * <p>Timestamps are whole microseconds so that a tool that keeps only microseconds (tcprewrite) loses nothing.
 *
 * <p>Usage: {@code SensorCaptureGenerator out.pcap [seconds=10] [port=47000]}
 */
public final class SensorCaptureGenerator {

    static final long LIDAR_PERIOD_NANOS = 500_000;      // 2,000 datagrams/s
    static final long RADAR_PERIOD_NANOS = 50_000_000;   // 20 Hz
    static final int LIDAR_PAYLOAD = 1206;               // Velodyne-style data packet
    static final int RADAR_PAYLOAD = 800;
    /** A plausible capture start (2025-11-24), well inside classic pcap's u32 seconds. */
    static final long START_NANOS = 1_764_000_000L * 1_000_000_000L;

    private SensorCaptureGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SensorCaptureGenerator out.pcap [seconds] [port]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 47000;
        InetAddress lidarHost = InetAddress.getByName("127.0.0.2");
        InetAddress radarHost = InetAddress.getByName("127.0.0.3");
        InetAddress receiver = InetAddress.getByName("127.0.0.1");
        Random random = new Random(42); // fixed seed: every run replays the same bytes
        long end = seconds * 1_000_000_000L;
        long seq = 0;
        // Merge the two periodic streams in time order; the radar frame goes first when both are due
        long nextLidar = 0;
        long nextRadar = 0;
        try (PcapWriter writer = PcapWriter.create(out, PcapWriter.Format.PCAP_NANOS)) {
            while (nextLidar < end || nextRadar < end) {
                boolean radar = nextRadar <= nextLidar && nextRadar < end;
                long t = radar ? nextRadar : nextLidar;
                byte[] payload = new byte[radar ? RADAR_PAYLOAD : LIDAR_PAYLOAD];
                random.nextBytes(payload);
                ByteBuffer.wrap(payload).putLong(seq++);
                writer.write(new UdpDatagram(START_NANOS + t, 0, Direction.RX, radar ? radarHost : lidarHost,
                        radar ? 31122 : 2368, receiver, port, UdpDatagram.NO_VLAN, payload));
                if (radar) {
                    nextRadar += RADAR_PERIOD_NANOS;
                } else {
                    nextLidar += LIDAR_PERIOD_NANOS;
                }
            }
        }
        System.out.printf("%s: %d datagrams over %d s toward 127.0.0.1:%d%n", out, seq, seconds, port);
    }
}
