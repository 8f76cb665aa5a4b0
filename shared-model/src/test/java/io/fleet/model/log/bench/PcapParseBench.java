package io.fleet.model.log.bench;

import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.pcap.PcapReader;
import io.fleet.model.log.pcap.PcapWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Throughput of {@link PcapReader} on a lidar-like pcapng that {@link PcapWriter} generates in a temporary file
 * (no capture of that size is kept in the repository): {@code datagrams} VLAN-tagged IPv4/UDP packets with a
 * 1,206-byte payload (a Velodyne data packet), read {@code iterations} times after as many warm-up rounds.
 * <pre>java -cp shared-model/target/classes:shared-model/target/test-classes \
 *     io.fleet.model.log.bench.PcapParseBench [iterations] [datagrams]</pre>
 */
public final class PcapParseBench {

    private PcapParseBench() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path file = Files.createTempFile("pcap-bench", ".pcapng");
        try {
            InetAddress lidar = InetAddress.getByName("192.168.1.201");
            InetAddress host = InetAddress.getByName("192.168.1.77");
            try (PcapWriter writer = PcapWriter.create(file, PcapWriter.Format.PCAPNG)) {
                for (int i = 0; i < count; i++) {
                    writer.write(new UdpDatagram(1_700_000_000_000_000_000L + i * 1_327_000L, 0, Direction.RX, lidar,
                            2368, host, 2368, 5, new byte[1206]));
                }
            }
            long size = Files.size(file);
            for (int i = 0; i < iterations; i++) {
                readOnce(file);
            }
            long datagrams = 0;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                datagrams += readOnce(file);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("PcapParseBench: %d MB pcapng, %d iterations, %.3f s: %.0f MB/s, %.0f datagrams/s%n",
                    size / 1_000_000, iterations, seconds, size * iterations / seconds / 1e6, datagrams / seconds);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long readOnce(Path file) throws IOException {
        long datagrams = 0;
        try (PcapReader reader = PcapReader.open(file, false)) {
            while (reader.next() != null) {
                datagrams++;
            }
        }
        return datagrams;
    }
}
