package io.fleet.model.log;

import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.TestData;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.asc.AscReader;
import io.fleet.model.log.asc.AscWriter;
import io.fleet.model.log.blf.BlfReader;
import io.fleet.model.log.candump.CandumpReader;
import io.fleet.model.log.candump.CandumpWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Converting real files between formats loses nothing the target format can hold. */
class LogConversionTest {

    @TempDir
    Path dir;

    private static List<CanFrame> read(Path file) throws IOException {
        try (LogReader reader = LogReaders.open(file, ReadOptions.strict())) {
            return readAll(reader);
        }
    }

    /** Writes frames as candump with direction markers and reads them back, channel numbers restored. */
    private List<CanFrame> throughCandump(List<CanFrame> frames) throws IOException {
        Path candump = dir.resolve("converted.log");
        Map<String, Integer> channels = new HashMap<>();
        try (CandumpWriter writer = CandumpWriter.open(candump, Map.of(), true)) {
            for (CanFrame frame : frames) {
                writer.write(frame);
                channels.put("can" + (frame.channel() - 1), frame.channel());
            }
        }
        try (CandumpReader reader = CandumpReader.open(candump,
                ReadOptions.strict().withInterfaceChannels(channels))) {
            return readAll(reader);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_CanMessage.blf", "test_CanFdMessage.blf", "test_CanFdMessage64.blf"})
    void blfToCandumpKeepsEveryFrame(String name) throws IOException {
        List<CanFrame> original;
        try (BlfReader reader = BlfReader.open(TestData.pythonCan(name), ReadOptions.strict())) {
            original = readAll(reader);
        }
        assertThat(original).isNotEmpty();
        assertThat(throughCandump(original)).containsExactlyElementsOf(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_CanMessage.asc", "test_CanRemoteMessage.asc", "test_CanFdMessage.asc",
        "test_CanFdMessage64.asc"})
    void ascToCandumpToAscRoundTrips(String name) throws IOException {
        List<CanFrame> original = read(TestData.pythonCan(name));
        List<CanFrame> viaCandump = throughCandump(original);
        assertThat(viaCandump).containsExactlyElementsOf(original);

        Path asc = dir.resolve("back.asc");
        try (AscWriter writer = AscWriter.open(asc)) {
            for (CanFrame frame : viaCandump) {
                writer.write(frame);
            }
        }
        try (AscReader reader = AscReader.open(asc, ReadOptions.strict())) {
            assertThat(readAll(reader)).containsExactlyElementsOf(original);
            assertThat(reader.stats().rejected()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_CanMessage.blf", "test_CanFdMessage64.blf"})
    void blfToAscKeepsFramesToTheMicrosecond(String name) throws IOException {
        List<CanFrame> original = read(TestData.pythonCan(name));
        Path asc = dir.resolve("from-blf.asc");
        try (LogWriter writer = LogWriters.open(asc, LogFormat.ASC)) {
            for (CanFrame frame : original) {
                writer.write(frame);
            }
        }
        List<CanFrame> expected = new ArrayList<>();
        for (CanFrame frame : original) {
            expected.add(frame.withTimestampNanos(frame.timestampNanos() / 1000 * 1000));
        }
        assertThat(read(asc)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python-can/test_CanMessage.blf", "python-can/test_CanFdMessage.blf",
        "python-can/test_CanFdMessage64.blf", "python-can/test_CanMessage.asc", "python-can/test_CanRemoteMessage.asc",
        "python-can/test_CanFdMessage.asc", "python-can/test_CanFdMessage64.asc",
        "css-electronics/2F6913DB-00000004-00000001.MF4"})
    void toBlfKeepsEveryFrameExactly(String name) throws IOException {
        List<CanFrame> original = read(TestData.path("can/" + name));
        Path blf = dir.resolve("converted.blf");
        try (LogWriter writer = LogWriters.open(blf, LogFormat.BLF)) {
            for (CanFrame frame : original) {
                writer.write(frame);
            }
        }
        assertThat(LogFormat.detect(blf)).isEqualTo(LogFormat.BLF);
        assertThat(read(blf)).containsExactlyElementsOf(original);
    }
}
