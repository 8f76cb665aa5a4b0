package io.fleet.model.log.mdf;

import static io.fleet.model.log.LogTesting.counting;
import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.TestData;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.LogWriters;
import io.fleet.model.log.ReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MDF4 written by {@link MdfCanWriter} reads back through {@link MdfCanReader} frame for frame, to the nanosecond. */
class MdfCanWriterTest {

    private static final long T0 = 1_700_000_000_123_456_789L;

    @TempDir
    Path dir;

    private List<CanFrame> writeAndRead(List<CanFrame> frames) throws IOException {
        Path file = dir.resolve("out.mf4");
        try (LogWriter writer = LogWriters.open(file, LogFormat.forOutput(file))) {
            for (CanFrame frame : frames) {
                writer.write(frame);
            }
        }
        assertThat(LogFormat.detect(file)).isEqualTo(LogFormat.MDF4);
        try (LogReader reader = LogReaders.open(file, ReadOptions.strict())) {
            assertThat(reader).isInstanceOf(MdfCanReader.class);
            List<CanFrame> read = readAll(reader);
            assertThat(reader.stats().rejected()).isZero();
            return read;
        }
    }

    private static List<CanFrame> everyKindOfFrame() {
        List<CanFrame> frames = new ArrayList<>();
        long t = T0;
        for (int dlc = 0; dlc <= 8; dlc++) {
            frames.add(CanFrame.remote(t += 1_001, 1, 0x300 + dlc, false, dlc, Direction.TX));
            frames.add(CanFrame.remote(t += 7, 2, 0x50005 + dlc, true, dlc, Direction.RX));
            frames.add(CanFrame.classic(t += 13, 1, 0x400 + dlc, false, counting(dlc)));
        }
        frames.add(CanFrame.classic(t - 5_000, 3, CanFrame.MAX_EXTENDED_ID, true, counting(8))); // earlier than last
        for (int length : new int[] {0, 8, 12, 20, 48, 64}) {
            frames.add(CanFrame.fd(t += 3, 4, 0x1ABCDEF0 + length, true, length % 16 == 0, length == 12,
                    counting(length)));
            frames.add(new CanFrame(t += 1, 65_535, 0x7FF, false, false, true, true, true, Direction.TX,
                    counting(length)));
        }
        return frames;
    }

    @Test
    void everyFrameKindComesBackIdenticallyToTheNanosecond() throws IOException {
        List<CanFrame> frames = everyKindOfFrame();
        assertThat(writeAndRead(frames)).containsExactlyElementsOf(frames);
    }

    @Test
    void anEmptyLogIsAValidFileWithNoFrames() throws IOException {
        assertThat(writeAndRead(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"can/css-electronics/j1939-demo-00000001.MF4",
        "can/css-electronics/2F6913DB-00000004-00000001.MF4", "can/python-can/test_CanRemoteMessage.asc",
        "can/python-can/test_CanFdMessage.asc", "can/python-can/test_CanFdMessage64.asc",
        "can/python-can/test_CanMessage.asc", "can/python-can/test_CanFdMessage.blf",
        "can/python-can/test_CanFdMessage64.blf", "can/python-can/test_CanMessage.blf"})
    void realLogsWrittenByOtherToolsSurviveTheRoundTrip(String name) throws IOException {
        List<CanFrame> original;
        try (LogReader reader = LogReaders.open(TestData.path(name), ReadOptions.strict())) {
            original = readAll(reader);
        }
        assertThat(original).isNotEmpty();
        assertThat(writeAndRead(original)).containsExactlyElementsOf(original);
    }

    @Test
    void aBusChannelBeyondOneByteIsRefusedNamingFileAndFrameAndNotWritten() throws IOException {
        Path file = dir.resolve("bad.mf4");
        CanFrame good = CanFrame.classic(T0, 1, 0x100, false, counting(2));
        try (MdfCanWriter writer = MdfCanWriter.open(file)) {
            writer.write(good);
            assertThatThrownBy(() -> writer.write(good.withChannel(65_536)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad.mf4").hasMessageContaining("bus channel 65536")
                    .hasMessageContaining("0-65535");
        }
        try (LogReader reader = MdfCanReader.open(file, false)) {
            assertThat(readAll(reader)).containsExactly(good);
        }
    }

    /** Walks every block from ##HD on: ids, 8-byte alignment, lengths and link counts, links to block starts. */
    @Test
    void blocksFollowTheStandardsLayoutRules() throws IOException {
        Path file = dir.resolve("rules.mf4");
        try (MdfCanWriter writer = MdfCanWriter.open(file)) {
            for (CanFrame frame : everyKindOfFrame()) {
                writer.write(frame);
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ascii(bytes, 0, 8)).isEqualTo("MDF     ");
        assertThat(ascii(bytes, 8, 8)).isEqualTo("4.10    ");
        assertThat(bytes.getShort(28)).isEqualTo((short) 410);
        Map<String, Integer> links = Map.of("HD", 6, "DG", 4, "CG", 6, "CN", 8, "CC", 4, "TX", 0, "SI", 3, "DT", 0);
        Map<String, Integer> dataBytes = Map.of("HD", 32, "DG", 8, "CG", 32, "CN", 72, "SI", 8, "CC", 40);
        List<Long> starts = new ArrayList<>();
        List<Long> targets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long offset = Mdf4File.ID_BLOCK_SIZE;
        while (offset < bytes.limit()) {
            assertThat(offset % 8).as("alignment of block at %d", offset).isZero();
            String id = ascii(bytes, (int) offset, 4);
            assertThat(id).as("block id at %d", offset).startsWith("##");
            id = id.substring(2);
            long length = bytes.getLong((int) offset + 8);
            long linkCount = bytes.getLong((int) offset + 16);
            assertThat(links).as("known block ##%s at %d", id, offset).containsKey(id);
            assertThat(linkCount).as("link count of ##%s", id).isEqualTo(links.get(id).longValue());
            if (dataBytes.containsKey(id)) {
                long expected = 24 + 8 * linkCount + dataBytes.get(id);
                assertThat(length).as("length of ##%s", id).isEqualTo(expected);
            }
            assertThat(offset + length).as("##%s inside the file", id).isLessThanOrEqualTo(bytes.limit());
            for (int i = 0; i < linkCount; i++) {
                long link = bytes.getLong((int) (offset + 24 + 8L * i));
                if (link != 0) {
                    targets.add(link);
                }
            }
            starts.add(offset);
            ids.add(id);
            offset = MdfBlockWriter.align(offset + length);
        }
        assertThat(offset).isEqualTo(bytes.limit());
        assertThat(starts).containsAll(targets);
        assertThat(ids).startsWith("HD", "DT").contains("DG", "CG", "CN", "CC", "SI", "TX");
        assertThat(ids.stream().filter("CG"::equals)).hasSize(3);
        Mdf4File mdf = Mdf4File.read(file);
        assertThat(mdf.startTimeNanos()).isEqualTo(everyKindOfFrame().get(0).timestampNanos());
        assertThat(mdf.channelGroups()).extracting(Mdf4File.GroupInfo::busEvent)
                .containsExactly("CAN_DataFrame", "CAN_DataFrame", "CAN_RemoteFrame");
        assertThat(mdf.channelGroups()).extracting(Mdf4File.GroupInfo::cycleCount).containsExactly(10L, 12L, 18L);
    }

    private static String ascii(ByteBuffer bytes, int offset, int length) {
        byte[] raw = new byte[length];
        bytes.get(offset, raw);
        return new String(raw, StandardCharsets.ISO_8859_1);
    }
}
