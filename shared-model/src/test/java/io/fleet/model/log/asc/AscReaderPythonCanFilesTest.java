package io.fleet.model.log.asc;

import static io.fleet.model.log.LogTesting.bytes;
import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.TestData;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.ReadStats;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * python-can's ASC test files against the values python-can's own tests expect (test/logformats_test.py). Our
 * channels are the file's numbers (python-can subtracts one) and times are anchored on the {@code date} header in
 * UTC (python-can anchors on the trigger block in the local zone).
 */
class AscReaderPythonCanFilesTest {

    /** "date Sam Sep 30 15:06:13.191 2017" in UTC. */
    private static final long DATE_HEADER = epochNanos("2017-09-30T15:06:13.191Z");

    private static long epochNanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static List<CanFrame> read(String name) throws IOException {
        try (AscReader reader = AscReader.open(TestData.pythonCan(name), ReadOptions.strict())) {
            return readAll(reader);
        }
    }

    private static CanFrame frame(double seconds, int channel, int id, boolean extended, Direction direction,
                                  byte[] data) {
        return new CanFrame(DATE_HEADER + Math.round(seconds * 1e9), channel, id, extended, false, false, false, false,
                direction, data);
    }

    private static CanFrame fd(double seconds, int channel, int id, boolean extended, Direction direction, boolean brs,
                               boolean esi, byte[] data) {
        return new CanFrame(DATE_HEADER + Math.round(seconds * 1e9), channel, id, extended, false, true, brs, esi,
                direction, data);
    }

    @Test
    void canMessage() throws IOException {
        try (AscReader reader = AscReader.open(TestData.pythonCan("test_CanMessage.asc"), ReadOptions.strict())) {
            assertThat(readAll(reader)).containsExactly(
                    frame(2.5010, 2, 0xC8, false, Direction.TX, bytes(9, 8, 7, 6, 5, 4, 3, 2)),
                    frame(17.876708, 1, 0x6F9, false, Direction.RX, bytes(5, 0xC, 0, 0, 0, 0, 0, 0)));
            // "// version 9.0.0" and "Start of measurement"
            assertThat(reader.stats()).isEqualTo(new ReadStats(2, 2, 0));
        }
    }

    @Test
    void canRemoteMessage() throws IOException {
        List<CanFrame> frames = read("test_CanRemoteMessage.asc");
        assertThat(frames).extracting(CanFrame::id).containsExactly(0x100, 0x200, 0x300);
        assertThat(frames).extracting(CanFrame::channel).containsExactly(2, 3, 4);
        assertThat(frames).extracting(CanFrame::direction).containsExactly(Direction.RX, Direction.TX, Direction.RX);
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.remote()).isTrue();
            assertThat(f.extended()).isFalse();
            assertThat(f.dataLength()).isZero();
        });
        // "r" alone and "r Length = ..." request nothing; "r 8" requests 8 bytes
        assertThat(frames).extracting(CanFrame::remoteDlc).containsExactly(0, 0, 8);
        assertThat(frames).extracting(CanFrame::timestampNanos).containsExactly(DATE_HEADER + 2_510_001_000L,
                DATE_HEADER + 2_520_002_000L, DATE_HEADER + 2_584_921_000L);
    }

    @Test
    void canFdMessage() throws IOException {
        assertThat(read("test_CanFdMessage.asc")).containsExactly(
                fd(30.005021, 1, 0x300, false, Direction.RX, true, false, bytes(0x11, 0xC2, 3, 4, 5, 6, 7, 8)),
                fd(30.005041, 2, 0x1C4D80A7, true, Direction.TX, false, true, bytes(0x12, 0xC2, 3, 4, 5, 6, 7, 8)),
                fd(30.005071, 3, 0x30A, false, Direction.RX, true, true, bytes(1, 2, 3, 4, 5, 6, 7, 8)));
    }

    @Test
    void canFdMessage64() throws IOException {
        byte[] first = new byte[64];
        first[0] = (byte) 0xA1;
        first[1] = 2;
        first[2] = 3;
        first[3] = 4;
        first[63] = 0x64;
        byte[] second = Arrays.copyOf(first, 64);
        second[0] = (byte) 0xB1;
        assertThat(read("test_CanFdMessage64.asc")).containsExactly(
                fd(30.506898, 4, 0x4EE, false, Direction.RX, false, true, first),
                fd(31.506898, 4, 0x1C4D80A7, true, Direction.RX, true, false, second));
    }

    @Test
    void singleFrameHoldsNoValidFrame() throws IOException {
        // python-can's writer put 64 bytes with DLC "40" on a classic line: no CAN frame can be that.
        try (AscReader reader = AscReader.open(TestData.pythonCan("single_frame.asc"), ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).isEmpty();
            assertThat(reader.stats()).isEqualTo(new ReadStats(0, 1, 1));
        }
        try (AscReader reader = AscReader.open(TestData.pythonCan("single_frame.asc"), ReadOptions.strict())) {
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("single_frame.asc:6: ")
                    .hasMessageContaining("expected a DLC 0..F after 'd', found '40'");
        }
    }

    @Test
    void dateHeaderIsReadInTheConfiguredZone() throws IOException {
        ReadOptions berlin = ReadOptions.strict().withLogTimeZone(ZoneId.of("Europe/Berlin"));
        try (AscReader reader = AscReader.open(TestData.pythonCan("test_CanMessage.asc"), berlin)) {
            // 15:06:13.191 CEST (UTC+2) is 13:06:13.191 UTC
            assertThat(reader.next().timestampNanos()).isEqualTo(epochNanos("2017-09-30T13:06:15.692Z"));
        }
    }
}
