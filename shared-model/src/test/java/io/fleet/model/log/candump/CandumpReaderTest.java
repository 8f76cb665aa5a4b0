package io.fleet.model.log.candump;

import static io.fleet.model.log.LogTesting.bytes;
import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.ReadStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandumpReaderTest {

    private static CandumpReader reader(String text, ReadOptions options) {
        return new CandumpReader(new BufferedReader(new StringReader(text)), "test.log", options);
    }

    private static List<CanFrame> read(String text) throws IOException {
        try (CandumpReader reader = reader(text, ReadOptions.strict())) {
            return readAll(reader);
        }
    }

    @Test
    void readsClassicFrameWithSixDigitTimestamp() throws IOException {
        assertThat(read("(1436509052.249713) vcan0 044#2A366C2BBA\n")).containsExactly(
                CanFrame.classic(1_436_509_052_249_713_000L, 1, 0x044, false, bytes(0x2A, 0x36, 0x6C, 0x2B, 0xBA)));
    }

    @Test
    void readsNineDigitTimestampExactly() throws IOException {
        assertThat(read("(1436509052.249713123) can0 7FF#\n").get(0).timestampNanos())
                .isEqualTo(1_436_509_052_249_713_123L);
    }

    @Test
    void readsExtendedRemoteAndFdFrames() throws IOException {
        List<CanFrame> frames = read("""
                (1.000000) can0 1C4D80A7#0102
                (2.000000) can0 123#R
                (3.000000) can0 12345678#R5
                (4.000000) can0 123##1AABB
                (5.000000) can0 123##2000102030405060708090A0B
                (6.000000) can0 123##3
                """);
        assertThat(frames).hasSize(6);
        assertThat(frames.get(0)).isEqualTo(CanFrame.classic(1_000_000_000L, 1, 0x1C4D80A7, true, bytes(1, 2)));
        assertThat(frames.get(1)).extracting(CanFrame::id, CanFrame::remote, CanFrame::extended, CanFrame::dataLength,
                CanFrame::remoteDlc).containsExactly(0x123, true, false, 0, 0);
        assertThat(frames.get(2)).extracting(CanFrame::id, CanFrame::remote, CanFrame::extended, CanFrame::remoteDlc)
                .containsExactly(0x12345678, true, true, 5);
        assertThat(frames.get(3)).isEqualTo(CanFrame.fd(4_000_000_000L, 1, 0x123, false, true, false,
                bytes(0xAA, 0xBB)));
        assertThat(frames.get(4)).extracting(CanFrame::fd, CanFrame::bitRateSwitch, CanFrame::errorState,
                CanFrame::dataLength).containsExactly(true, false, true, 12);
        assertThat(frames.get(5)).extracting(CanFrame::bitRateSwitch, CanFrame::errorState, CanFrame::dataLength)
                .containsExactly(true, true, 0);
    }

    @Test
    void readsDirectionMarkersAndDotSeparatedData() throws IOException {
        List<CanFrame> frames = read("""
                (1.0) can0 123#11.22 T
                (2.0) can0 123#1122334455667788_C R
                (3.0) can0 123#33
                """);
        assertThat(frames).extracting(CanFrame::direction).containsExactly(Direction.TX, Direction.RX, Direction.RX);
        assertThat(frames.get(0).data()).containsExactly(0x11, 0x22);
        assertThat(frames.get(1).dataLength()).isEqualTo(8);
    }

    @Test
    void keepsTheRawDlcNineToFifteenOfEightByteFramesAsCanUtilsWritesIt() throws IOException {
        List<CanFrame> frames = read("""
                (1.0) can0 123#1122334455667788_C
                (2.0) can0 12345678#R8_F T
                (3.0) can0 123#r8_9
                (4.0) can0 123#1122334455667788
                """);
        assertThat(frames).extracting(CanFrame::dlc, CanFrame::len8Dlc, CanFrame::dataLength, CanFrame::remote)
                .containsExactly(tuple(12, 12, 8, false), tuple(15, 15, 0, true), tuple(9, 9, 0, true),
                        tuple(8, 0, 8, false));
        assertThat(frames.get(1).remoteDlc()).isEqualTo(8);
    }

    @Test
    void numbersInterfacesInOrderOfFirstAppearanceAfterOverrides() throws IOException {
        String log = """
                (1.0) vcan7 001#
                (2.0) can0 002#
                (3.0) vcan7 003#
                (4.0) can_front 004#
                """;
        try (CandumpReader reader = reader(log, ReadOptions.strict().withInterfaceChannels(Map.of("can0", 5)))) {
            assertThat(readAll(reader)).extracting(CanFrame::channel).containsExactly(6, 5, 6, 7);
            assertThat(reader.interfaces().channelsByName())
                    .containsExactly(Map.entry("can0", 5), Map.entry("vcan7", 6), Map.entry("can_front", 7));
            assertThat(reader.interfaces().namesByChannel()).containsEntry(6, "vcan7");
        }
    }

    @Test
    void skipsAndCountsErrorFramesAndIgnoresBlankLines() throws IOException {
        try (CandumpReader reader = reader("(1.0) can0 20000080#0000000000000000\n\n(2.0) can0 001#01\n",
                ReadOptions.strict())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(1);
            assertThat(reader.stats()).isEqualTo(new ReadStats(1, 1, 0));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(1.0) can0 123#12G4                | bad hex digit 'G' in data",
        "(1.0) can0 1231122                 | missing '#'",
        "(1.0) can0 1234#11                 | id must have 3 (standard) or 8 (extended) hex digits, has 4",
        "(1.0) can0 123456789#11            | has 9",
        "(1.0) can0 123#112                 | odd number of hex digits",
        "(1.0) can0 123#112233445566778899  | more than 8 data bytes",
        "(1.0) can0 123##1112233445566778899 | not a CAN FD length",
        "(1.0) can0 800#11                  | standard id must be in [0, 2047]",
        "(1.x) can0 123#11                  | bad digit 'x' in timestamp",
        "1.0 can0 123#11                    | expected '('",
        "(1.0) can0 123#11 X                | unexpected text after the frame",
        "(1.0) can0 123#R9                  | remote frame takes one length digit 0-8 after 'R'",
        "(1.0) can0 123#R15                 | remote frame takes one length digit 0-8 after 'R'",
        "(1.0) can0 123#R5_E                | remote frame takes one length digit 0-8 after 'R'",
        "(1.0) can0 123#R8_7                | raw DLC '_7' must be 9-F",
        "(1.0) can0 123#R8_EE               | expected '_' and one hex digit 9-F (raw DLC) after 8 bytes",
        "(1.0) can0 123#112233_E            | '_<dlc>' is allowed only after 8 data bytes",
        "(1.0) can0 123#1122334455667788_8  | raw DLC '_8' must be 9-F",
        "(1.0) can0 123#1122334455667788_G  | bad hex digit 'G' in raw DLC",
    })
    void strictModeNamesFileLineAndReason(String badLine, String reason) throws IOException {
        try (CandumpReader reader = reader("(0.5) can0 001#01\n" + badLine + "\n(2.0) can0 002#02\n",
                ReadOptions.strict())) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageStartingWith("test.log:2: ").hasMessageContaining(reason)
                    .satisfies(e -> assertThat(((LogFormatException) e).line()).isEqualTo(2));
        }
    }

    @Test
    void lenientModeSkipsAndCountsBadLinesAndKeepsEverythingElse() throws IOException {
        String log = """
                (1.0) can0 001#01
                (1.5) can0 1234#11
                (2.0) can0 002#02
                garbage
                (3.0) can0 003#03
                """;
        try (CandumpReader reader = reader(log, ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(1, 2, 3);
            assertThat(reader.stats()).isEqualTo(new ReadStats(3, 0, 2));
        }
    }

    @Test
    void aLastLineWithoutItsLineEndIsATruncationNotAShorterFrame() throws IOException {
        // what is left of "(2.0) can0 002#0011223344556677" after a copy stopped early
        String cut = "(1.0) can0 001#01\n(2.0) can0 002#0011";

        try (CandumpReader reader = reader(cut, ReadOptions.strict())) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class).hasMessage("test.log:2: "
                    + "truncated: the file ends inside the line 2, which has no line end (19 of 20 bytes): at least "
                    + "1 record lost, 1 byte missing");
        }
        try (CandumpReader reader = reader(cut, ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(1);
            assertThat(reader.stats().rejected()).isEqualTo(1);
            assertThat(reader.stats().truncation()).hasValueSatisfying(truncation -> {
                assertThat(truncation.byteOffset()).isEqualTo(18);
                assertThat(truncation.what()).isEqualTo("line 2, which has no line end");
            });
        }
        assertThat(read("(1.0) can0 001#01\n   ")).as("blanks are not a cut record").hasSize(1);
    }
}
