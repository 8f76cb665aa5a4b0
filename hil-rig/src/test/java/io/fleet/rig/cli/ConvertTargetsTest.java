package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.pcap.PcapWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert} asks the format registry: a target that cannot hold the source's records is refused up front. */
class ConvertTargetsTest {

    @TempDir
    Path dir;

    private Path ethernetCapture() throws Exception {
        Path pcap = dir.resolve("ethernet.pcap");
        try (PcapWriter writer = PcapWriter.create(pcap, PcapWriter.Format.PCAP_NANOS)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new UdpDatagram(1_700_000_000_000_000_000L + i * 1_000_000L, 0, Direction.RX,
                        InetAddress.getByName("10.0.0.1"), 2368, InetAddress.getByName("10.0.0.2"), 2369,
                        UdpDatagram.NO_VLAN, new byte[] {1, 2, (byte) i}));
            }
        }
        return pcap;
    }

    @Test
    void canFramesIntoPcapAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path in = Files.writeString(dir.resolve("drive.log"), "(1700000000.000000) can0 100#00\n");
        Path out = dir.resolve("out.pcap");

        CliRun run = CliRun.of("convert", in.toString(), out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(out + ": pcap holds UDP datagrams (Automotive Ethernet), not the CAN frames of "
                + in + " (candump); formats that hold CAN frames: candump (.log, .candump), ASC (.asc), BLF (.blf), "
                + "MDF4 (.mf4, .mdf)");
        assertThat(out).doesNotExist();
    }

    @Test
    void ethernetIntoAscIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path in = ethernetCapture();
        Path out = dir.resolve("out.asc");

        CliRun run = CliRun.of("convert", in.toString(), out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(out + ": ASC holds CAN frames, not the UDP datagrams (Automotive Ethernet) of "
                + in + " (pcap); formats that hold UDP datagrams (Automotive Ethernet): pcap (.pcap, .cap), "
                + "pcapng (.pcapng)");
        assertThat(out).doesNotExist();
    }

    @Test
    void pcapConvertsToPcapngThroughTheRegistry() throws Exception {
        Path out = dir.resolve("out.pcapng");

        CliRun run = CliRun.of("convert", ethernetCapture().toString(), out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 records written", "0 skipped");
        assertThat(LogFormat.detect(out)).isEqualTo(LogFormat.PCAPNG);
        List<BusRecord> records = new ArrayList<>();
        try (LogReader reader = LogReaders.open(out, ReadOptions.strict())) {
            for (BusRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        assertThat(records).hasSize(3).allMatch(r -> r instanceof UdpDatagram d && d.payload().length == 3);
    }
}
