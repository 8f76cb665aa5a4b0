package io.fleet.model.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@link LogFormat} says of each format is what its reader and writer do. */
class LogFormatRegistryTest {

    private static final CanFrame FRAME = CanFrame.remote(1_700_000_000_000_000_000L, 1, 0x300, false, 8,
            Direction.RX);

    @TempDir
    Path dir;

    private static UdpDatagram datagram() throws IOException {
        return new UdpDatagram(1_700_000_000_000_000_000L, 0, Direction.RX, InetAddress.getByName("10.0.0.1"), 2368,
                InetAddress.getByName("10.0.0.2"), 2369, UdpDatagram.NO_VLAN, new byte[] {1, 2, 3});
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void aWritableFormatWritesWhatItHoldsAndRefusesTheRest(LogFormat format) throws IOException {
        Path file = dir.resolve("x." + format.extensions().get(0));
        if (!format.writable()) {
            assertThatThrownBy(() -> LogWriters.open(file, format)).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        BusRecord held = format.holds() == RecordKind.CAN_FRAMES ? FRAME : datagram();
        BusRecord other = format.holds() == RecordKind.CAN_FRAMES ? datagram() : FRAME;
        assertThat(format.canHold(held)).isTrue();
        assertThat(format.canHold(other)).isFalse();
        try (LogWriter writer = LogWriters.open(file, format)) {
            writer.write(held);
            assertThatThrownBy(() -> writer.write(other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds " + format.holds() + ", not " + RecordKind.of(other));
        }
        assertThat(LogFormat.detect(file)).isEqualTo(format);
        try (LogReader reader = LogReaders.open(file, ReadOptions.strict())) {
            assertThat(RecordKind.of(reader.next())).isEqualTo(format.holds());
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void exactlyTheStreamableFormatsReadFromAStream(LogFormat format) throws IOException {
        String name = "drive." + format.extensions().get(0);
        InputStream stream = new ByteArrayInputStream("(1.000000) can0 123#R5\n".getBytes());
        if (format.streamable()) {
            try (LogReader reader = LogReaders.open(name, stream, ReadOptions.strict())) {
                assertThat(reader).isNotNull();
            }
        } else {
            assertThatThrownBy(() -> LogReaders.open(name, stream, ReadOptions.strict()))
                    .isInstanceOf(IOException.class)
                    .hasMessage(name + ": only candump (.log, .candump), ASC (.asc) logs can be streamed; the others "
                            + "(BLF (.blf), MDF4 (.mf4, .mdf), pcap (.pcap, .cap), pcapng (.pcapng)) need a file");
        }
    }

    @Test
    void theOutputFormatFollowsTheExtensionAndUnwritableOnesAreRefused() {
        assertThat(LogFormat.forOutput(Path.of("answers.ASC"))).isEqualTo(LogFormat.ASC);
        assertThat(LogFormat.forOutput(Path.of("capture.pcapng"))).isEqualTo(LogFormat.PCAPNG);
        assertThatThrownBy(() -> LogFormat.forOutput(Path.of("out/notes.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("out/notes.txt: the extension names no log format; writable: candump");
        assertThat(LogFormat.forOutput(Path.of("drive.mf4"))).isEqualTo(LogFormat.MDF4);
    }

    @Test
    void aTargetThatCannotHoldTheRecordsIsRefusedNamingWhatItLacks() {
        LogFormat.ASC.requireCanHold(RecordKind.CAN_FRAMES, "drive.blf", Path.of("out.asc"));
        assertThatThrownBy(() -> LogFormat.PCAP.requireCanHold(RecordKind.CAN_FRAMES, "drive.log", Path.of("o.pcap")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("o.pcap: pcap holds UDP datagrams (Automotive Ethernet), not the CAN frames of drive.log; "
                        + "formats that hold CAN frames: candump (.log, .candump), ASC (.asc), BLF (.blf), "
                        + "MDF4 (.mf4, .mdf)");
        assertThatThrownBy(() -> LogFormat.ASC.requireCanHold(RecordKind.UDP_DATAGRAMS, "eth.pcapng",
                Path.of("o.asc"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("o.asc: ASC holds CAN frames, not the UDP datagrams (Automotive Ethernet)");
    }
}
