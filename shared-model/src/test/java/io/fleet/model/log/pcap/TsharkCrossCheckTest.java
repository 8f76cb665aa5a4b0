package io.fleet.model.log.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's own tools judge compatibility: tshark must decode what {@link PcapWriter} writes, with good IP and
 * UDP checksums, and {@link PcapReader} must agree with tshark on a pcapng file text2pcap wrote. Skipped where the
 * Debian tshark package (which brings text2pcap) is not installed.
 */
class TsharkCrossCheckTest {

    private static final String[] FIELDS = {"frame.time_epoch", "frame.interface_id", "vlan.id", "ip.src",
        "ipv6.src", "ip.dst", "ipv6.dst", "udp.srcport", "udp.dstport", "udp.payload", "ip.checksum.status",
        "udp.checksum.status"};

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTshark() {
        assumeTrue(runs("tshark", "-v") && runs("text2pcap", "-v"),
                "tshark/text2pcap not installed (apt-get install tshark): Wireshark cross-checks skipped");
    }

    @Test
    void tsharkDecodesWrittenFilesWithGoodChecksums() throws IOException {
        for (PcapWriter.Format format : PcapWriter.Format.values()) {
            Path file = dir.resolve("written-" + format);
            List<UdpDatagram> datagrams = PcapRoundTripTest.sampleDatagrams();
            PcapRoundTripTest.writeAll(file, format, datagrams);

            List<String[]> rows = tshark(file);
            assertThat(rows).as(format.toString()).hasSize(datagrams.size());
            for (int i = 0; i < rows.size(); i++) {
                UdpDatagram d = datagrams.get(i);
                String[] row = rows.get(i);
                assertThat(nanos(row[0])).isEqualTo(d.timestampNanos());
                assertThat(row[1]).isEqualTo(format == PcapWriter.Format.PCAPNG ? "" + d.channel() : "");
                assertThat(row[2]).isEqualTo(d.vlanId() < 0 ? "" : "" + d.vlanId());
                assertThat(InetAddress.getByName(row[3] + row[4])).isEqualTo(d.source());
                assertThat(InetAddress.getByName(row[5] + row[6])).isEqualTo(d.destination());
                assertThat(row[7] + "/" + row[8]).isEqualTo(d.sourcePort() + "/" + d.destinationPort());
                assertThat(row[9]).isEqualTo(HexFormat.of().formatHex(d.payload()));
                assertThat(row[11]).as("UDP checksum status (1 = good)").isEqualTo("1");
                if (!row[3].isEmpty()) {
                    assertThat(row[10]).as("IPv4 header checksum status (1 = good)").isEqualTo("1");
                }
            }
        }
    }

    @Test
    void readerAgreesWithTsharkOnAText2pcapPcapng() throws IOException, InterruptedException {
        // text2pcap -n: Wireshark's own pcapng writer (SHB with options, IDB, EPBs with microsecond timestamps)
        UdpFrameEncoder encoder = new UdpFrameEncoder();
        List<byte[]> frames = new ArrayList<>();
        for (UdpDatagram d : PcapRoundTripTest.sampleDatagrams()) {
            frames.add(encoder.encode(d));
        }
        byte[] arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        frames.add(1, arp);
        StringBuilder hexdump = new StringBuilder();
        for (byte[] frame : frames) {
            for (int offset = 0; offset < frame.length; offset += 16) {
                hexdump.append(String.format("%06x ", offset));
                for (int i = offset; i < Math.min(offset + 16, frame.length); i++) {
                    hexdump.append(String.format(" %02x", frame[i] & 0xFF));
                }
                hexdump.append('\n');
            }
            hexdump.append('\n');
        }
        Path text = Files.writeString(dir.resolve("frames.txt"), hexdump);
        Path pcapng = dir.resolve("text2pcap.pcapng");
        assertThat(run("text2pcap", "-n", text.toString(), pcapng.toString())).isZero();

        List<String[]> rows = tshark(pcapng);
        List<UdpDatagram> read = new ArrayList<>();
        try (PcapReader reader = PcapReader.open(pcapng, false)) {
            for (var record = reader.next(); record != null; record = reader.next()) {
                read.add((UdpDatagram) record);
            }
            assertThat(reader.skipCounts().get(SkipReason.NOT_UDP)).isEqualTo(1);
        }
        List<String[]> udpRows = rows.stream().filter(r -> !r[7].isEmpty()).toList();
        assertThat(read).hasSize(udpRows.size()).hasSize(4);
        for (int i = 0; i < read.size(); i++) {
            UdpDatagram d = read.get(i);
            String[] row = udpRows.get(i);
            assertThat(d.timestampNanos()).isEqualTo(nanos(row[0]));
            assertThat(d.channel()).isEqualTo(Integer.parseInt(row[1]));
            assertThat(d.direction()).isEqualTo(Direction.RX);
            assertThat(d.vlanId()).isEqualTo(row[2].isEmpty() ? -1 : Integer.parseInt(row[2]));
            assertThat(d.sourcePort() + "/" + d.destinationPort()).isEqualTo(row[7] + "/" + row[8]);
            assertThat(HexFormat.of().formatHex(d.payload())).isEqualTo(row[9]);
            assertThat(InetAddress.getByName(row[3] + row[4])).isEqualTo(d.source());
            assertThat(InetAddress.getByName(row[5] + row[6])).isEqualTo(d.destination());
        }
    }

    private List<String[]> tshark(Path file) throws IOException {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields",
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"));
        for (String field : FIELDS) {
            command.add("-e");
            command.add(field);
        }
        Path output = dir.resolve("tshark-" + file.getFileName() + ".tsv");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(process.exitValue()).isZero();
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    private static long nanos(String epochSeconds) {
        return new BigDecimal(epochSeconds).movePointRight(9).longValueExact();
    }

    private static boolean runs(String... command) {
        try {
            return run(command) == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
