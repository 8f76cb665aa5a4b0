package io.fleet.model.log.asc;

import static io.fleet.model.log.LogTesting.bytes;
import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.ReadStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AscReaderTest {

    private static AscReader reader(String text, ReadOptions options) {
        return new AscReader(new BufferedReader(new StringReader(text)), "test.asc", options);
    }

    private static List<CanFrame> read(String text) throws IOException {
        try (AscReader reader = reader(text, ReadOptions.strict())) {
            return readAll(reader);
        }
    }

    @Test
    void relativeTimestampsAddUpFromEventToEvent() throws IOException {
        List<CanFrame> frames = read("""
                base hex  timestamps relative
                no internal events logged
                   0.100000 Start of measurement
                   0.250000 1  123             Rx   d 1 01
                   1.000001 1  ErrorFrame
                   0.000010 1  124             Rx   d 1 02
                """);
        assertThat(frames).extracting(CanFrame::timestampNanos).containsExactly(350_000_000L, 1_350_011_000L);
    }

    @Test
    void decimalBaseReadsIdsAndDataInDecimal() throws IOException {
        List<CanFrame> frames = read("""
                base dec  timestamps absolute
                   1.000000 1  291             Tx   d 3 1 255 16
                   2.000000 2  16777216x       Rx   d 0
                """);
        assertThat(frames).containsExactly(
                new CanFrame(1_000_000_000L, 1, 291, false, false, false, false, false, Direction.TX,
                        bytes(1, 255, 16)),
                CanFrame.classic(2_000_000_000L, 2, 0x1000000, true, new byte[0]));
    }

    @Test
    void twelveHourDateWithoutMillisecondsAnchorsTheLog() throws IOException {
        List<CanFrame> frames = read("""
                date Thu Nov 12 09:39:26 pm 2020
                base hex  timestamps absolute
                   0.000001 1  1               Rx   d 0
                """);
        Instant expected = Instant.parse("2020-11-12T21:39:26.000001Z");
        assertThat(frames.get(0).timestampNanos())
                .isEqualTo(expected.getEpochSecond() * 1_000_000_000L + expected.getNano());
    }

    @Test
    void skipsAndCountsNonFrameEvents() throws IOException {
        String log = """
                date Sat Sep 30 15:06:13.191 2017
                base hex  timestamps absolute
                internal events logged
                // a comment
                Begin Triggerblock Sat Sep 30 15:06:13.191 2017
                   0.000000 Start of measurement
                   2.501000 1  ErrorFrame
                   3.000000 1  Statistic: D 0 R 0 XD 0 XR 0 E 0 O 0 B 0.00%
                   3.100000 CANFD   1 Rx   ErrorFrame Not Acknowledge error, dominant error flag
                   3.200000 1  Status:chip status error active
                   3.300000 SV: 8 0 1 ::Sys::Var = 1
                   4.000000 1  7FF             Rx   d 0
                End TriggerBlock
                """;
        try (AscReader reader = reader(log, ReadOptions.strict())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(0x7FF);
            assertThat(reader.stats()).isEqualTo(new ReadStats(1, 7, 0));
        }
    }

    @Test
    @SuppressWarnings("checkstyle:LineLength") // CANFD lines as CANoe writes them
    void classicFrameInCanFdLayoutIsClassicWhenEdlIsClear() throws IOException {
        List<CanFrame> frames = read("""
                   1.000000 CANFD   2 Tx   50005x                                 0 1 5  0        0    0       10        0        0        0        0        0
                   2.000000 CANFD   2 Tx   123     0 0 2  2 0A 0B        0    0        0        0        0        0        0        0
                """);
        assertThat(frames.get(0)).extracting(CanFrame::remote, CanFrame::fd, CanFrame::extended, CanFrame::id)
                .containsExactly(true, false, true, 0x50005);
        assertThat(frames.get(1)).isEqualTo(new CanFrame(2_000_000_000L, 2, 0x123, false, false, false, false, false,
                Direction.TX, bytes(0xA, 0xB)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "   1.000000 1  12G             Rx   d 1 01           | bad id '12G'",
        "   1.000000 1  123             Rx   d 8 01 02        | expected 8 data bytes, found 2",
        "   1.000000 1  123             Rx   d 1 0G           | bad data byte '0G'",
        "   1.000000 1  123             Rx   q 1 01           | expected 'd' (data) or 'r' (remote)",
        "   1.000000 1  123             Rx                    | expected 'd' (data) or 'r' (remote)",
        "   1.000000 1  123             Rx   d                | expected a DLC 0..F after 'd'",
        "   1.000000 1  123             Rx   d 40 01          | expected a DLC 0..F after 'd', found '40'",
        "   1.000000 1  20000000x       Rx   d 0              | exceeds 29 bits",
        "   1.x00000 1  123             Rx   d 0              | bad digit 'x' in timestamp",
        "   1.000000 CANFD   1 Rx   123  1 0 9 11 00          | CAN FD data length 11 is not a CAN FD length",
        "   1.000000 CANFD   1 Up   123  1 0 1  1 00          | expected Rx or Tx, found 'Up'",
        "this is not asc                                      | unrecognised line",
        "date Foo 99 99:99 2017                               | unreadable date",
        "date Sat Sep 30 15:06:13.191 3017                    | is beyond epoch nanoseconds",
    })
    void strictModeNamesFileLineAndReason(String badLine, String reason) throws IOException {
        String log = "base hex  timestamps absolute\n   0.5 1  1 Rx d 0\n" + badLine + "\n   2.0 1  2 Rx d 0\n";
        try (AscReader reader = reader(log, ReadOptions.strict())) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageStartingWith("test.asc:3: ").hasMessageContaining(reason);
        }
        try (AscReader reader = reader(log, ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(1, 2);
            assertThat(reader.stats().rejected()).isEqualTo(1);
        }
    }
}
