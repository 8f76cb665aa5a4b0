package io.fleet.model.log.blf;

import static io.fleet.model.log.LogTesting.counting;
import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.ReadStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BlfWriter}'s files read back by {@link BlfReader} field by field, and the header it writes. */
class BlfWriterTest {

    /** 2023-11-14T22:13:20.123Z plus 456,789 ns: the header keeps the milliseconds, the objects the rest. */
    private static final long T0 = 1_700_000_000_123_456_789L;
    private static final int[] FD_LENGTHS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64};

    @TempDir
    Path dir;

    /** Every kind of frame the model has, on channels that exercise each object type's channel field. */
    static List<CanFrame> everyFrameKind(long t0) {
        List<CanFrame> frames = new ArrayList<>();
        long t = t0;
        for (int length = 0; length <= 8; length++) {
            frames.add(new CanFrame(t += 1, 1, 0x7FF - length, false, false, false, false, false, Direction.RX,
                    counting(length)));
            frames.add(new CanFrame(t += 7, 2, 0x1FFF_FFFF - length, true, false, false, false, false, Direction.TX,
                    counting(length)));
        }
        frames.add(CanFrame.remote(t += 1_000, 3, 0x100, false, 0, Direction.RX));
        frames.add(CanFrame.remote(t += 1_000, 4, 0x18DAF110, true, 8, Direction.TX));
        frames.add(CanFrame.remote(t += 1_000, 4, 0x101, false, 3, Direction.TX));
        frames.add(new CanFrame(t += 1, 1, 0, false, false, false, false, false, Direction.RX, new byte[0]));
        for (int i = 0; i < FD_LENGTHS.length; i++) {
            boolean brs = i % 2 == 0;
            boolean esi = i % 3 == 0;
            Direction direction = i % 4 < 2 ? Direction.RX : Direction.TX;
            // 255 is CAN_FD_MESSAGE_64's last channel, 256 and up need CAN_FD_MESSAGE
            int channel = new int[] {1, 2, 255, 256, 65535}[i % 5];
            frames.add(new CanFrame(t += 123_457, channel, 0x7E0 + i, false, false, true, brs, esi, direction,
                    counting(FD_LENGTHS[i])));
            frames.add(new CanFrame(t += 3, channel, 0x0ABC_DEF0 + i, true, false, true, !brs, !esi, direction,
                    counting(FD_LENGTHS[i])));
        }
        frames.add(new CanFrame(t + 3_600_000_000_000L, 65535, 0x123, false, false, false, false, false,
                Direction.TX, counting(8)));
        return frames;
    }

    private Path write(String name, List<CanFrame> frames) throws IOException {
        Path file = dir.resolve(name);
        try (BlfWriter writer = BlfWriter.open(file)) {
            for (CanFrame frame : frames) {
                writer.write(frame);
            }
        }
        return file;
    }

    private static List<CanFrame> read(Path file, ReadOptions options) throws IOException {
        try (BlfReader reader = BlfReader.open(file, options)) {
            List<CanFrame> frames = readAll(reader);
            assertThat(reader.stats()).isEqualTo(new ReadStats(frames.size(), 0, 0));
            return frames;
        }
    }

    private static ByteBuffer header(Path file) throws IOException {
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(file), BlfFileHeader.WRITTEN_SIZE);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static short[] systemTime(ByteBuffer header, int at) {
        short[] fields = new short[8];
        for (int i = 0; i < 8; i++) {
            fields[i] = header.getShort(at + 2 * i);
        }
        return fields;
    }

    @Test
    void everyFrameKindReadsBackFieldByField() throws IOException {
        List<CanFrame> frames = everyFrameKind(T0);
        Path file = write("kinds.blf", frames);

        try (BlfReader reader = BlfReader.open(file, ReadOptions.strict())) {
            assertThat(reader.startEpochNanos()).isEqualTo(T0 / 1_000_000 * 1_000_000);
        }
        assertThat(read(file, ReadOptions.strict())).containsExactlyElementsOf(frames);
    }

    @Test
    void headerHoldsSignatureSizesCountAndFirstAndLastFrameTimes() throws IOException {
        List<CanFrame> frames = everyFrameKind(T0);
        Path file = write("header.blf", frames);
        ByteBuffer h = header(file);

        assertThat(h.getInt(0)).isEqualTo(BlfFileHeader.SIGNATURE);
        assertThat(h.getInt(4)).isEqualTo(144);
        assertThat(h.getLong(16)).as("file size").isEqualTo(Files.size(file));
        assertThat(h.getInt(32)).as("object count").isEqualTo(frames.size());
        // 2023-11-14 was a Tuesday (SYSTEMTIME day of week 2); the last frame is about an hour later
        assertThat(systemTime(h, 40)).containsExactly((short) 2023, (short) 11, (short) 2, (short) 14, (short) 22,
                (short) 13, (short) 20, (short) 123);
        assertThat(systemTime(h, 56)).containsExactly((short) 2023, (short) 11, (short) 2, (short) 14, (short) 23,
                (short) 13, (short) 20, (short) 125);
        // one container: header + container header + the objects
        assertThat(h.getLong(24)).as("uncompressed size").isEqualTo(144 + 32 + objectBytes(frames));
    }

    /** Bytes of the frames' objects, each padded by size % 4. */
    private static long objectBytes(List<CanFrame> frames) {
        long total = 0;
        for (CanFrame f : frames) {
            int size = !f.fd() ? 56 : f.channel() <= 255 ? 72 + f.dataLength() : 116;
            total += size + size % 4;
        }
        return total;
    }

    @Test
    void framesSpanningManyContainersReadBack() throws IOException {
        List<CanFrame> frames = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int length = FD_LENGTHS[i % FD_LENGTHS.length];
            frames.add(new CanFrame(T0 + i * 250_001L, 1 + i % 3, i % 0x800, false, false, true, i % 2 == 0, false,
                    Direction.RX, counting(length)));
        }
        Path file = write("long.blf", frames);
        // about 1.8 MB of objects: full containers of 128 KiB and a short last one
        long objects = objectBytes(frames);
        long containers = (objects + 128 * 1024 - 1) / (128 * 1024);
        assertThat(containers).isGreaterThan(10);
        assertThat(header(file).getLong(24)).isEqualTo(144 + containers * 32 + objects);
        ByteBuffer firstContainer = ByteBuffer.wrap(Files.readAllBytes(file), 144, 32).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(firstContainer.getInt(12)).isEqualTo(BlfObjectTypes.LOG_CONTAINER);
        assertThat(firstContainer.getShort(16)).isEqualTo((short) BlfObjectTypes.COMPRESSION_ZLIB);
        assertThat(firstContainer.getInt(24)).isEqualTo(128 * 1024);

        assertThat(read(file, ReadOptions.strict())).containsExactlyElementsOf(frames);
    }

    @Test
    void headerTimesAreWallClockTimeInTheGivenZone() throws IOException {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<CanFrame> frames = everyFrameKind(T0);
        Path file = dir.resolve("berlin.blf");
        try (BlfWriter writer = BlfWriter.open(file, berlin)) {
            for (CanFrame frame : frames) {
                writer.write(frame);
            }
        }
        assertThat(systemTime(header(file), 40)[4]).as("hour").isEqualTo((short) 23);
        assertThat(read(file, ReadOptions.strict().withLogTimeZone(berlin))).containsExactlyElementsOf(frames);
    }

    @Test
    void timesFromLogStartStayRelative() throws IOException {
        List<CanFrame> frames = List.of(
                CanFrame.classic(0, 1, 0x10, false, counting(1)),
                CanFrame.classic(1, 1, 0x11, false, counting(2)),
                CanFrame.classic(86_400_000_000_123L, 2, 0x12, false, counting(3)));
        Path file = write("relative.blf", frames);

        assertThat(systemTime(header(file), 40)).containsOnly((short) 0);
        assertThat(systemTime(header(file), 56)).containsOnly((short) 0);
        assertThat(read(file, ReadOptions.strict())).containsExactlyElementsOf(frames);
    }

    @Test
    void emptyLogIsAValidFile() throws IOException {
        Path file = write("empty.blf", List.of());

        assertThat(Files.size(file)).isEqualTo(144);
        assertThat(header(file).getLong(16)).isEqualTo(144);
        assertThat(read(file, ReadOptions.strict())).isEmpty();
    }

    @Test
    void flushLeavesACompleteFileAndWritingGoesOn() throws IOException {
        List<CanFrame> frames = everyFrameKind(T0);
        Path file = dir.resolve("flushed.blf");
        try (BlfWriter writer = BlfWriter.open(file)) {
            writer.write(frames.get(0));
            writer.write(frames.get(1));
            writer.flush();
            assertThat(read(file, ReadOptions.strict())).containsExactly(frames.get(0), frames.get(1));
            assertThat(header(file).getLong(16)).isEqualTo(Files.size(file));
            for (CanFrame frame : frames.subList(2, frames.size())) {
                writer.write(frame);
            }
        }
        assertThat(read(file, ReadOptions.strict())).containsExactlyElementsOf(frames);
        assertThat(header(file).getInt(32)).isEqualTo(frames.size());
    }

    @Test
    void rejectedFramesSayWhyAndLeaveTheFileAsItWas() throws IOException {
        CanFrame good = CanFrame.classic(T0, 1, 0x100, false, counting(8));
        Path file = dir.resolve("bad.blf");
        try (BlfWriter writer = BlfWriter.open(file)) {
            writer.write(good);
            assertThatThrownBy(() -> writer.write(good.withChannel(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad.blf")
                    .hasMessageContaining("channel 0 is not a BLF channel (1 to 65535)");
            assertThatThrownBy(() -> writer.write(good.withChannel(65536)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel 65536");
            assertThatThrownBy(() -> writer.write(good.withTimestampNanos(T0 - 1_000_000)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the log start");
        }
        assertThat(read(file, ReadOptions.strict())).containsExactly(good);
        assertThat(header(file).getInt(32)).isEqualTo(1);
    }

    @Test
    void writingAfterCloseIsAnError() throws IOException {
        Path file = dir.resolve("closed.blf");
        BlfWriter writer = BlfWriter.open(file);
        writer.close();
        writer.close(); // a second close does nothing

        assertThatThrownBy(() -> writer.write(CanFrame.classic(T0, 1, 1, false, new byte[0])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed.blf")
                .hasMessageContaining("closed");
    }

    @Test
    void firstFrameTimeIsTheHeaderStartToTheMillisecond() throws IOException {
        long t = Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli() * 1_000_000L + 999_999L;
        Path file = write("leap.blf", List.of(CanFrame.classic(t, 1, 1, false, new byte[0])));

        assertThat(systemTime(header(file), 40)).containsExactly((short) 2024, (short) 2, (short) 4, (short) 29,
                (short) 23, (short) 59, (short) 59, (short) 999);
        assertThat(read(file, ReadOptions.strict())).extracting(CanFrame::timestampNanos).containsExactly(t);
    }
}
