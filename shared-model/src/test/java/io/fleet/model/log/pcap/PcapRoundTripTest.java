package io.fleet.model.log.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PcapWriter} output read back by {@link PcapReader}, in both formats. */
class PcapRoundTripTest {

    static final long T0 = 1_701_363_725_986_550_123L;

    @TempDir
    Path dir;

    static List<UdpDatagram> sampleDatagrams() throws IOException {
        byte[] lidar = new byte[1206];
        for (int i = 0; i < lidar.length; i++) {
            lidar[i] = (byte) i;
        }
        return List.of(
                datagram(T0, 0, Direction.RX, "192.168.1.201", 2368, "192.168.1.77", 2368, -1, lidar),
                datagram(T0 + 1_001, 1, Direction.RX, "10.0.0.5", 30490, "239.0.0.1", 30490, 42, bytes(1, 2, 3)),
                datagram(T0 + 2_000_000, 0, Direction.TX, "10.0.0.9", 50000, "10.0.0.5", 30501, 7, bytes()),
                datagram(T0 + 3_000_000, 2, Direction.RX, "fd00::1", 5555, "fd00::2:1", 6666, -1, bytes(9, 8, 7, 6)));
    }

    @Test
    void pcapngKeepsEverythingIncludingChannelAndDirection() throws IOException {
        Path file = dir.resolve("roundtrip.pcapng");
        writeAll(file, PcapWriter.Format.PCAPNG, sampleDatagrams());

        assertThat(readAll(file)).containsExactlyElementsOf(sampleDatagrams());
    }

    @Test
    void classicPcapKeepsNanosecondsButHasNoChannelOrDirection() throws IOException {
        Path file = dir.resolve("roundtrip.pcap");
        writeAll(file, PcapWriter.Format.PCAP_NANOS, sampleDatagrams());

        List<UdpDatagram> expected = new ArrayList<>();
        for (UdpDatagram d : sampleDatagrams()) {
            expected.add(new UdpDatagram(d.timestampNanos(), 0, Direction.RX, d.source(), d.sourcePort(),
                    d.destination(), d.destinationPort(), d.vlanId(), d.payload()));
        }
        assertThat(readAll(file)).containsExactlyElementsOf(expected);
    }

    @Test
    void nonUdpFramesAndFragmentsAreSkippedAndCounted() throws IOException {
        Path file = dir.resolve("mixed.pcapng");
        byte[] udp = new UdpFrameEncoder().encode(sampleDatagrams().get(1));
        byte[] tcp = udp.clone();
        tcp[14 + 4 + 9] = 6; // protocol TCP (frame has a VLAN tag)
        byte[] fragment = udp.clone();
        fragment[14 + 4 + 6] = 0x20; // more fragments
        byte[] arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        try (PcapWriter writer = PcapWriter.create(file, PcapWriter.Format.PCAPNG)) {
            writer.writeEthernetFrame(T0, 0, Direction.RX, arp);
            writer.writeEthernetFrame(T0 + 1, 0, Direction.RX, tcp);
            writer.writeEthernetFrame(T0 + 2, 0, Direction.RX, fragment);
            writer.writeEthernetFrame(T0 + 3, 0, Direction.RX, udp);
        }

        try (PcapReader reader = PcapReader.open(file, false)) {
            assertThat(reader.next()).isInstanceOf(UdpDatagram.class)
                    .extracting(BusRecord::timestampNanos).isEqualTo(T0 + 3);
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().records()).isEqualTo(1);
            assertThat(reader.stats().skipped()).isEqualTo(3);
            assertThat(reader.skipCounts()).isEqualTo(Map.of(SkipReason.NOT_UDP, 2L, SkipReason.IP_FRAGMENT, 1L));
        }
    }

    static UdpDatagram datagram(long t, int channel, Direction direction, String source, int sourcePort,
                                String destination, int destinationPort, int vlan, byte[] payload) throws IOException {
        return new UdpDatagram(t, channel, direction, InetAddress.getByName(source), sourcePort,
                InetAddress.getByName(destination), destinationPort, vlan, payload);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static void writeAll(Path file, PcapWriter.Format format, List<UdpDatagram> datagrams) throws IOException {
        try (PcapWriter writer = PcapWriter.create(file, format)) {
            for (UdpDatagram datagram : datagrams) {
                writer.write(datagram);
            }
        }
    }

    static List<UdpDatagram> readAll(Path file) throws IOException {
        List<UdpDatagram> out = new ArrayList<>();
        try (PcapReader reader = PcapReader.open(file, false)) {
            for (BusRecord record = reader.next(); record != null; record = reader.next()) {
                out.add((UdpDatagram) record);
            }
        }
        return out;
    }
}
