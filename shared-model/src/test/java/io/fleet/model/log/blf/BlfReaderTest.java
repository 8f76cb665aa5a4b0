package io.fleet.model.log.blf;

import static io.fleet.model.log.LogTesting.bytes;
import static io.fleet.model.log.LogTesting.counting;
import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.TestData;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.ReadStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlfReaderTest {

    /** Object timestamp in all python-can BLF files: 0x2222222222222222 ns, header start time unset. */
    private static final long PYTHON_CAN_TIME = 0x2222_2222_2222_2222L;
    private static final byte[] EIGHT = bytes(0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC);

    private static BlfReader reader(byte[] file, ReadOptions options) throws IOException {
        return new BlfReader(new ByteArrayInputStream(file), "test.blf", options);
    }

    private static List<CanFrame> readFile(String name, ReadStats expectedStats) throws IOException {
        try (BlfReader reader = BlfReader.open(TestData.pythonCan(name), ReadOptions.strict())) {
            List<CanFrame> frames = readAll(reader);
            assertThat(reader.stats()).isEqualTo(expectedStats);
            return frames;
        }
    }

    // python-can expects the same values (test/logformats_test.py) except: channels are BLF's own 1-based numbers
    // (python-can subtracts one); ids over 11 bits are extended; the FD 64 frame is not remote (CAN FD has none).

    @Test
    void canMessage() throws IOException {
        CanFrame expected = new CanFrame(PYTHON_CAN_TIME, 0x1111, 0x4444444, true, false, false, false, false,
                Direction.RX, EIGHT);
        // two type-115 objects in the second container are skipped
        assertThat(readFile("test_CanMessage.blf", new ReadStats(2, 2, 0))).containsExactly(expected, expected);
    }

    @Test
    void canFdMessage() throws IOException {
        CanFrame expected = new CanFrame(PYTHON_CAN_TIME, 0x1111, 0x4444444, true, false, true, true, true,
                Direction.RX, counting(64));
        assertThat(readFile("test_CanFdMessage.blf", new ReadStats(2, 2, 0))).containsExactly(expected, expected);
    }

    @Test
    void canFdMessage64() throws IOException {
        CanFrame expected = new CanFrame(PYTHON_CAN_TIME, 0x11, 0x15555555, true, false, true, true, true,
                Direction.TX, counting(64));
        assertThat(readFile("test_CanFdMessage64.blf", new ReadStats(2, 2, 0))).containsExactly(expected, expected);
    }

    @Test
    void anchorsOnHeaderStartTimeAndCarriesObjectsAcrossContainers() throws IOException {
        BlfFileBuilder blf = new BlfFileBuilder(2021, 1, 2, 3, 4, 5, 678);
        List<CanFrame> expected = new ArrayList<>();
        long start = Instant.parse("2021-01-02T03:04:05.678Z").toEpochMilli() * 1_000_000L;
        for (int i = 0; i < 50; i++) {
            blf.canMessage(i * 1000L, 1 + i % 3, i % 2, 8, 0x100 + i, EIGHT);
            expected.add(new CanFrame(start + i * 1000L, 1 + i % 3, 0x100 + i, false, false, false, false, false,
                    i % 2 == 0 ? Direction.RX : Direction.TX, EIGHT));
        }
        blf.canFd64(7, 2, 15, 64, 0x8000_0ABC, 0x1000 | 0x2000, 1, counting(64));
        // a remote frame with 10-us timestamp units: 3 -> 30 us
        blf.object(BlfObjectTypes.CAN_MESSAGE, true, 3,
                BlfFileBuilder.le(16).putShort((short) 4).put((byte) 0x80).put((byte) 3).putInt(0x7FF).array());
        expected.add(new CanFrame(start + 7, 2, 0xABC, true, false, true, true, false, Direction.TX, counting(64)));
        expected.add(CanFrame.remote(start + 30_000, 4, 0x7FF, false, 3, Direction.RX));
        // 100-byte containers: nearly every object continues in the next container
        byte[] zlibFile = blf.containers(true, 100).build();
        try (BlfReader reader = reader(zlibFile, ReadOptions.strict())) {
            assertThat(reader.startEpochNanos()).isEqualTo(start);
            assertThat(readAll(reader)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void readsUncompressedContainersAndTheHeaderTimeInTheGivenZone() throws IOException {
        byte[] file = new BlfFileBuilder(2021, 7, 1, 12, 0, 0, 0).canMessage(5, 1, 0, 2, 0x123, EIGHT)
                .containers(false, 4096).build();
        try (BlfReader reader = reader(file, ReadOptions.strict().withLogTimeZone(ZoneId.of("Europe/Berlin")))) {
            CanFrame frame = (CanFrame) reader.next();
            assertThat(frame.timestampNanos())
                    .isEqualTo(Instant.parse("2021-07-01T10:00:00Z").toEpochMilli() * 1_000_000L + 5);
            assertThat(frame.data()).containsExactly(0x55, 0x66);
        }
    }

    @Test
    void readsVersion2HeadersCanMessage2ClassicFdObjectsAndUncontainedObjects() throws IOException {
        byte[] canMessage2 = BlfFileBuilder.le(24).putShort((short) 3).put((byte) 1).put((byte) 2)
                .putInt(0x8000_0001).put(EIGHT).putInt(0).array();
        byte[] classicInFdObject = BlfFileBuilder.le(84).putShort((short) 2).put((byte) 0).put((byte) 3)
                .putInt(0x7FF).putInt(0).put((byte) 0).put((byte) 0 /* no EDL */).put((byte) 3).position(20)
                .put(EIGHT).array();
        byte[] file = new BlfFileBuilder(0, 0, 0, 0, 0, 0, 0)
                .objectV2(BlfObjectTypes.CAN_MESSAGE2, 11, canMessage2)
                .objectV2(BlfObjectTypes.CAN_FD_MESSAGE, 12, classicInFdObject).containers(true, 4096)
                .canMessage(13, 1, 0, 1, 0x0AA, EIGHT).uncontained().build();
        try (BlfReader reader = reader(file, ReadOptions.strict())) {
            assertThat(readAll(reader)).containsExactly(
                    new CanFrame(11, 3, 1, true, false, false, false, false, Direction.TX, bytes(0x55, 0x66)),
                    CanFrame.classic(12, 2, 0x7FF, false, bytes(0x55, 0x66, 0x77)),
                    CanFrame.classic(13, 1, 0x0AA, false, bytes(0x55)));
        }
    }

    @Test
    void badMagicIsRejectedEvenWhenLenient() {
        byte[] file = new BlfFileBuilder(0, 0, 0, 0, 0, 0, 0).build();
        file[0] = 'X';
        assertThatThrownBy(() -> reader(file, ReadOptions.lenientMode())).isInstanceOf(LogFormatException.class)
                .hasMessage("test.blf at byte 0: not a BLF file: signature is not \"LOGG\"");
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] file = Arrays.copyOf(Files.readAllBytes(TestData.pythonCan("test_CanMessage.blf")), 50);
        assertThatThrownBy(() -> reader(file, ReadOptions.strict())).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("test.blf at byte 50: file ends inside the BLF header");
    }

    @Test
    void truncatedContainerKeepsTheFramesBeforeIt() throws IOException {
        byte[] whole = Files.readAllBytes(TestData.pythonCan("test_CanMessage.blf"));
        byte[] cutInSecondContainer = Arrays.copyOf(whole, 0x118);
        try (BlfReader reader = reader(cutInSecondContainer, ReadOptions.strict())) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageStartingWith("test.blf at byte 272: truncated: the file ends inside the object header "
                            + "(8 of ")
                    .satisfies(e -> assertThat(((LogFormatException) e).byteOffset()).isEqualTo(0x110));
        }
        byte[] cutInFirstContainer = Arrays.copyOf(whole, 0x100);
        assertThat(whole).hasSize(0x1A4);
        try (BlfReader reader = reader(cutInFirstContainer, ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).isEmpty();
            assertThat(reader.stats().rejected()).isEqualTo(1);
            assertThat(reader.stats().truncation()).hasValueSatisfying(cut -> {
                assertThat(cut.byteOffset()).isEqualTo(144);
                assertThat(cut.bytesPresent()).isEqualTo(112);
                assertThat(cut.bytesMissing()).isEqualTo(16);
            });
        }
        try (BlfReader reader = reader(cutInFirstContainer, ReadOptions.strict())) {
            assertThatThrownBy(reader::next).hasMessage("test.blf at byte 144: truncated: the file ends inside the "
                    + "object of 128 bytes (112 of 128 bytes): at least 1 record lost, 16 bytes missing");
        }
    }

    @Test
    void objectCutOffByTheEndOfTheFileIsReported() throws IOException {
        BlfFileBuilder blf = new BlfFileBuilder(0, 0, 0, 0, 0, 0, 0).canMessage(1, 1, 0, 1, 1, EIGHT);
        blf.containers(true, 4096).canMessage(2, 1, 0, 1, 2, EIGHT).partialContainer(40);
        try (BlfReader reader = reader(blf.build(), ReadOptions.strict())) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).hasMessageContaining("file ends inside an object");
        }
    }

    @Test
    void garbageZlibFailsStrictAndIsSkippedWhenLenient() throws IOException {
        byte[] file = new BlfFileBuilder(0, 0, 0, 0, 0, 0, 0)
                .canMessage(1, 1, 0, 1, 0x001, EIGHT).containers(true, 4096)
                .rawContainer(2, 48, bytes(0x78, 0x9C, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
                .canMessage(3, 1, 0, 1, 0x003, EIGHT).containers(true, 4096).build();
        int badContainerOffset = 144 + firstContainerSize(file);
        try (BlfReader reader = reader(file, ReadOptions.strict())) {
            assertThat(((CanFrame) reader.next()).id()).isEqualTo(1);
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("test.blf at byte " + badContainerOffset + ": corrupt zlib data");
        }
        try (BlfReader reader = reader(file, ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(1, 3);
            assertThat(reader.stats()).isEqualTo(new ReadStats(2, 0, 1));
        }
    }

    @Test
    void lenientModeResynchronizesAfterABadObjectSignature() throws IOException {
        byte[] file = new BlfFileBuilder(0, 0, 0, 0, 0, 0, 0)
                .canMessage(1, 1, 0, 1, 0x001, EIGHT).containers(true, 4096)
                .rawBytes("LOBXgarbage-bytes-LO".getBytes())
                .canMessage(3, 1, 0, 1, 0x003, EIGHT).containers(true, 4096).build();
        try (BlfReader reader = reader(file, ReadOptions.strict())) {
            reader.next();
            assertThatThrownBy(reader::next).hasMessageContaining("object signature is not \"LOBJ\"");
        }
        try (BlfReader reader = reader(file, ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(1, 3);
            assertThat(reader.stats().rejected()).isEqualTo(1);
        }
    }

    @Test
    void malformedFrameObjectIsRejectedWithItsLocation() throws IOException {
        byte[] file = new BlfFileBuilder(0, 0, 0, 0, 0, 0, 0)
                .canMessage(1, 1, 0, 1, 0x001, EIGHT)
                .object(BlfObjectTypes.CAN_MESSAGE, false, 2, bytes(1, 0, 0, 0)) // body too small
                .canMessage(3, 1, 0, 1, 0x003, EIGHT).containers(true, 4096).build();
        try (BlfReader reader = reader(file, ReadOptions.strict())) {
            reader.next();
            assertThatThrownBy(reader::next).hasMessage("test.blf at byte 144: object of type 1 at uncompressed "
                    + "offset 48 in the log container: CAN message object too small: 4 bytes after the header, "
                    + "needs 16");
        }
        try (BlfReader reader = reader(file, ReadOptions.lenientMode())) {
            assertThat(readAll(reader)).extracting(CanFrame::id).containsExactly(1, 3);
            assertThat(reader.stats()).isEqualTo(new ReadStats(2, 0, 1));
        }
    }

    /** Size of the first container in a built file, including padding. */
    private static int firstContainerSize(byte[] file) {
        int size = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(144 + 8);
        return size + size % 4;
    }
}
