package io.fleet.model.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.TestData;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.asc.AscReader;
import io.fleet.model.log.blf.BlfReader;
import io.fleet.model.log.blf.BlfWriter;
import io.fleet.model.log.candump.CandumpReader;
import io.fleet.model.log.candump.CandumpWriter;
import io.fleet.model.log.mdf.MdfCanReader;
import io.fleet.model.log.mdf.MdfCanWriter;
import io.fleet.model.log.pcap.PcapReader;
import io.fleet.model.log.pcap.PcapWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"test_CanMessage.asc, ASC", "single_frame.asc, ASC", "test_CanFdMessage.blf, BLF"})
    void detectsPythonCanFilesByContent(String name, LogFormat expected) throws IOException {
        Path renamed = Files.copy(TestData.pythonCan(name), dir.resolve("no-extension"));
        assertThat(LogFormat.detect(renamed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "(1436509052.249713) vcan0 044#2A366C2BBA, CANDUMP",
        "'  date Sat Sep 30 15:06:13.191 2017', ASC",
        "base hex  timestamps absolute, ASC",
        "'MDF     4.11    ', MDF4",
        "'UnFinMF 4.11    ', MDF4",
    })
    void detectsByFirstLine(String firstLine, LogFormat expected) throws IOException {
        Path file = Files.writeString(dir.resolve("x.bin"), firstLine + "\n");
        assertThat(LogFormat.detect(file)).isEqualTo(expected);
    }

    @Test
    void detectsCaptureMagicNumbersAndFallsBackToTheExtension() throws IOException {
        assertThat(LogFormat.detect(Files.write(dir.resolve("a"), new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2,
            (byte) 0xA1, 2, 0}))).isEqualTo(LogFormat.PCAP);
        assertThat(LogFormat.detect(Files.write(dir.resolve("b"), new byte[] {0x0A, 0x0D, 0x0D, 0x0A})))
                .isEqualTo(LogFormat.PCAPNG);
        assertThat(LogFormat.detect(Files.writeString(dir.resolve("empty.LOG"), ""))).isEqualTo(LogFormat.CANDUMP);
        assertThat(LogFormat.fromFileName("drive.MF4")).contains(LogFormat.MDF4);
        assertThatThrownBy(() -> LogFormat.detect(Files.writeString(dir.resolve("notes.txt"), "hello")))
                .isInstanceOf(LogFormatException.class).hasMessageContaining("notes.txt at byte 0: not a known");
    }

    @Test
    void opensTheReaderOfTheDetectedFormat() throws IOException {
        try (LogReader reader = LogReaders.open(TestData.pythonCan("test_CanMessage.asc"), ReadOptions.strict())) {
            assertThat(reader).isInstanceOf(AscReader.class);
            assertThat(LogTesting.readAll(reader)).hasSize(2);
        }
        try (LogReader reader = LogReaders.open(TestData.pythonCan("test_CanMessage.blf"), ReadOptions.strict())) {
            assertThat(reader).isInstanceOf(BlfReader.class);
            assertThat(LogTesting.readAll(reader)).hasSize(2);
        }
        Path candump = Files.writeString(dir.resolve("x.log"), "(1.0) can0 123#\n", StandardCharsets.US_ASCII);
        try (LogReader reader = LogReaders.open(candump, ReadOptions.strict())) {
            assertThat(reader).isInstanceOf(CandumpReader.class);
        }
    }

    @Test
    void mdf4AndPcapOpenThroughTheFactoryAndBlfHasNoWriter() throws IOException {
        try (LogReader reader = LogReaders.open(TestData.cssElectronics("2F6913DB-00000004-00000001.MF4"),
                ReadOptions.strict())) {
            assertThat(reader).isInstanceOf(MdfCanReader.class);
            assertThat(LogTesting.readAll(reader)).hasSize(5_588);
        }
        Path truncated = Files.writeString(dir.resolve("x.mf4"), "MDF     4.11    ");
        assertThatThrownBy(() -> LogTesting.readAll(LogReaders.open(truncated, ReadOptions.strict())))
                .isInstanceOf(LogFormatException.class).hasMessageContaining("x.mf4");
        Path pcap = dir.resolve("x.pcap");
        try (PcapWriter writer = PcapWriter.create(pcap, PcapWriter.Format.PCAP_NANOS)) {
            writer.write(new UdpDatagram(1_000L, 0, Direction.RX, InetAddress.getByName("10.0.0.1"), 2368,
                    InetAddress.getByName("10.0.0.2"), 2369, UdpDatagram.NO_VLAN, new byte[] {1, 2, 3}));
        }
        try (LogReader reader = LogReaders.open(pcap, ReadOptions.strict())) {
            assertThat(reader).isInstanceOf(PcapReader.class);
            assertThat(reader.next()).isInstanceOf(UdpDatagram.class);
            assertThat(reader.next()).isNull();
        }
        try (LogWriter writer = LogWriters.open(dir.resolve("x.mf4"), LogFormat.MDF4)) {
            assertThat(writer).isInstanceOf(MdfCanWriter.class);
        }
        try (LogWriter writer = LogWriters.open(dir.resolve("x.blf"), LogFormat.BLF)) {
            assertThat(writer).isInstanceOf(BlfWriter.class);
        }
        try (LogWriter writer = LogWriters.open(dir.resolve("y.log"), LogFormat.CANDUMP)) {
            assertThat(writer).isInstanceOf(CandumpWriter.class);
        }
    }
}
