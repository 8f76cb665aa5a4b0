package io.fleet.model.log;

import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.asc.AscReader;
import io.fleet.model.log.asc.AscReader.TimeAnchor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files written by python-can 4.1.0's own writers (BLF, ASC, candump; see generate.py beside them) read back as the
 * 3000 messages python-can listed in expected.txt: a foreign implementation judges our readers. The BLF file has
 * two zlib containers; python-can cuts the first at exactly 128 KiB, inside an object.
 */
class PythonCanWrittenFilesTest {

    private static Path dir;
    private static List<CanFrame> expected;

    @BeforeAll
    static void loadExpected() throws IOException, URISyntaxException {
        dir = Path.of(PythonCanWrittenFilesTest.class.getResource("/logs/python-can-4.1.0/expected.txt").toURI())
                .getParent();
        expected = Files.readAllLines(dir.resolve("expected.txt")).stream().map(PythonCanWrittenFilesTest::parse)
                .toList();
        assertThat(expected).hasSize(3000);
    }

    /** "micros channel id flags data": python-can's 0-based channel is our 1-based channel. */
    private static CanFrame parse(String line) {
        String[] f = line.split(" ", -1);
        String flags = f[3];
        Direction direction = flags.contains("T") ? Direction.TX : Direction.RX;
        if (flags.contains("R")) {
            // generate.py makes its remote frames with python-can's default DLC 0 ("#R", "r 0", BLF dlc 0)
            return CanFrame.remote(Long.parseLong(f[0]) * 1000, Integer.parseInt(f[1]) + 1,
                    Integer.parseInt(f[2], 16), flags.contains("E"), 0, direction);
        }
        return new CanFrame(Long.parseLong(f[0]) * 1000, Integer.parseInt(f[1]) + 1, Integer.parseInt(f[2], 16),
                flags.contains("E"), false, flags.contains("F"), flags.contains("B"), flags.contains("I"), direction,
                HexFormat.of().parseHex(f[4]));
    }

    private static List<CanFrame> toMicroseconds(List<CanFrame> frames) {
        // python-can computes BLF offsets from float seconds: a few nanoseconds off
        return frames.stream().map(f -> f.withTimestampNanos(Math.round(f.timestampNanos() / 1000.0) * 1000))
                .toList();
    }

    @Test
    void blf() throws IOException {
        try (LogReader reader = LogReaders.open(dir.resolve("frames.blf"), ReadOptions.strict())) {
            assertThat(toMicroseconds(readAll(reader))).containsExactlyElementsOf(expected);
            assertThat(reader.stats()).isEqualTo(new ReadStats(3000, 0, 0));
        }
    }

    @Test
    void candump() throws IOException {
        try (LogReader reader = LogReaders.open(dir.resolve("frames.log"), ReadOptions.strict())) {
            assertThat(readAll(reader)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void ascAnchoredOnTheTriggerBlockAsPythonCanWritesIt() throws IOException {
        try (AscReader reader = AscReader.open(dir.resolve("frames.asc"), ReadOptions.strict(),
                TimeAnchor.FIRST_TRIGGER_BLOCK)) {
            assertThat(readAll(reader)).containsExactlyElementsOf(expected);
            assertThat(reader.stats()).isEqualTo(new ReadStats(3000, 1, 0)); // "Start of measurement"
        }
    }

    @Test
    void ascAnchoredOnTheDateHeaderGetsPythonCansTimeOfWriting() throws IOException {
        // "date Thu Nov 26 01:04:42.916 PM 2026": when generate.py ran, not when the frames were recorded
        long writtenAt = Instant.parse("2026-11-26T13:04:42.916Z").toEpochMilli() * 1_000_000L;
        try (LogReader reader = LogReaders.open(dir.resolve("frames.asc"), ReadOptions.strict())) {
            List<CanFrame> frames = readAll(reader);
            assertThat(frames.get(0).timestampNanos()).isEqualTo(writtenAt);
            assertThat(frames.get(2999).timestampNanos() - frames.get(0).timestampNanos())
                    .isEqualTo(expected.get(2999).timestampNanos() - expected.get(0).timestampNanos());
        }
    }
}
