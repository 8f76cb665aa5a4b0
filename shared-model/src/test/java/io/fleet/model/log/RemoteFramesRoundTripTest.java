package io.fleet.model.log;

import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.asc.AscWriter;
import io.fleet.model.log.blf.BlfWriter;
import io.fleet.model.log.candump.CandumpWriter;
import io.fleet.model.log.mdf.MdfCanWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A remote frame's DLC is the length it requests, and ECUs answer by it: every pair of formats that can hold
 * remote frames (candump {@code #R5}, ASC {@code r 5}, BLF's dlc field, MDF4's CAN_RemoteFrame.DLC) passes
 * it on unchanged. So do they a classic frame's raw DLC 9-15 with its 8 bytes (SocketCAN's len8_dlc; candump
 * {@code _E}, ASC {@code d e}, BLF's dlc field, MDF4's DLC beside DataLength 8), data and remote frames alike.
 */
class RemoteFramesRoundTripTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final List<LogFormat> REMOTE_CAPABLE = List.of(LogFormat.CANDUMP, LogFormat.ASC, LogFormat.BLF,
            LogFormat.MDF4);

    @TempDir
    Path dir;

    static Stream<Arguments> formatPairs() {
        return REMOTE_CAPABLE.stream().flatMap(from -> REMOTE_CAPABLE.stream().map(to -> Arguments.of(from, to)));
    }

    private static List<CanFrame> remoteFramesOfEveryDlc() {
        List<CanFrame> frames = new ArrayList<>();
        long t = T0;
        for (int dlc = 0; dlc <= 8; dlc++) {
            frames.add(CanFrame.remote(t += 1_000, 1, 0x300 + dlc, false, dlc, Direction.TX));
            frames.add(CanFrame.remote(t += 1_000, 2, 0x50005 + dlc, true, dlc, Direction.RX));
            frames.add(CanFrame.classic(t += 1_000, 1, 0x400 + dlc, false, LogTesting.counting(dlc)));
        }
        return frames;
    }

    private static List<CanFrame> framesOfEveryRawDlcAboveEight() {
        List<CanFrame> frames = new ArrayList<>();
        long t = T0;
        for (int dlc = 9; dlc <= CanFrame.MAX_RAW_DLC; dlc++) {
            frames.add(CanFrame.classic(t += 1_000, 1, 0x100 + dlc, false, LogTesting.counting(8)).withDlc(dlc));
            frames.add(CanFrame.data(t += 1_000, 2, 0x1234_5600 + dlc, true, Direction.TX, LogTesting.counting(8))
                    .withDlc(dlc));
            frames.add(CanFrame.remote(t += 1_000, 1, 0x200 + dlc, false, dlc, Direction.TX));
            frames.add(CanFrame.classic(t += 1_000, 1, 0x300 + dlc, false, LogTesting.counting(8)));
        }
        return frames;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("formatPairs")
    void rawDlcsNineToFifteenKeepTheirValue(LogFormat from, LogFormat to) throws IOException {
        assertSurvive(framesOfEveryRawDlcAboveEight(), from, to);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("formatPairs")
    void remoteFramesKeepTheirDlc(LogFormat from, LogFormat to) throws IOException {
        assertSurvive(remoteFramesOfEveryDlc(), from, to);
    }

    /** Written as {@code from} and read back, then that written as {@code to} and read back: unchanged. */
    private void assertSurvive(List<CanFrame> original, LogFormat from, LogFormat to) throws IOException {
        List<CanFrame> first = writeAndRead(original, from, "first");
        assertThat(first).containsExactlyElementsOf(original);

        assertThat(writeAndRead(first, to, "second")).containsExactlyElementsOf(original);
    }

    private List<CanFrame> writeAndRead(List<CanFrame> frames, LogFormat format, String name) throws IOException {
        Path file = dir.resolve(name + "." + format.extensions().get(0));
        try (LogWriter writer = writerKeepingDirections(file, format)) {
            for (CanFrame frame : frames) {
                writer.write(frame);
            }
        }
        ReadOptions options = ReadOptions.strict().withInterfaceChannels(Map.of("can0", 1, "can1", 2));
        try (LogReader reader = LogReaders.open(file, options)) {
            return readAll(reader);
        }
    }

    /** candump keeps directions only with markers, which LogWriters' default leaves out for older parsers. */
    private static LogWriter writerKeepingDirections(Path file, LogFormat format) throws IOException {
        return switch (format) {
            case CANDUMP -> CandumpWriter.open(file, Map.of(), true);
            case ASC -> AscWriter.open(file);
            case BLF -> BlfWriter.open(file);
            case MDF4 -> MdfCanWriter.open(file);
            default -> throw new IllegalArgumentException(format + " is not written here");
        };
    }
}
