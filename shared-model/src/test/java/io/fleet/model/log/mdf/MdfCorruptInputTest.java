package io.fleet.model.log.mdf;

import static io.fleet.model.log.mdf.MdfTestFileBuilder.canRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.TestData;
import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.Truncation;
import io.fleet.model.log.mdf.MdfTestFileBuilder.Block;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt files fail with the byte offset of the problem; lenient mode keeps what can be trusted. */
class MdfCorruptInputTest {

    private static final Path J1939 = TestData.cssElectronics("j1939-demo-00000001.MF4");

    @TempDir
    Path dir;

    @Test
    void badMagicNamesOffsetZero() throws IOException {
        byte[] content = Files.readAllBytes(J1939);
        System.arraycopy("NotMDF  ".getBytes(), 0, content, 0, 8);

        assertThatThrownBy(() -> MdfCanReader.open(write(content), false)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("at byte 0").hasMessageContaining("not an MDF file")
                .satisfies(e -> assertThat(((LogFormatException) e).byteOffset()).isZero());
    }

    @Test
    void badBlockIdNamesTheBlockOffset() throws IOException {
        byte[] content = Files.readAllBytes(J1939);
        content[64 + 2] = 'X'; // ##HD -> ##XD

        assertThatThrownBy(() -> MdfCanReader.open(write(content), false)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("at byte 64").hasMessageContaining("expected a header block HD but found '##XD'");
    }

    @Test
    void linkOutsideTheFileIsReportedWhereTheLinkIsStored() throws IOException {
        byte[] content = Files.readAllBytes(J1939);
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 24, 1L << 40); // hd_dg_first

        assertThatThrownBy(() -> MdfCanReader.open(write(content), false)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("at byte 88").hasMessageContaining("points outside the file");
    }

    @Test
    void implausibleRecordLengthNamesItsChannelGroup() throws IOException {
        byte[] content = Files.readAllBytes(J1939);
        // cg_data_bytes of the CAN9_Rx group at 6856: header 24 + 6 links, then data offset 24 (found by fuzzing)
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putInt(6856 + 72 + 24, 0xE100_0000);

        try (MdfCanReader reader = MdfCanReader.open(write(content), false)) {
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("at byte 6856").hasMessageContaining("record length");
        }
    }

    @Test
    void fileCutInsideTheMetadataIsTruncated() throws IOException {
        byte[] content = Arrays.copyOf(Files.readAllBytes(J1939), 6_000);

        assertThatThrownBy(() -> MdfCanReader.open(write(content), false)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("outside the file");
    }

    @Test
    void unfinalizedFileCutInsideARecordIsTruncatedAndLenientKeepsEveryWholeFrame() throws IOException {
        // Records start at 106,800; the cut leaves 1,003 whole records (20 or 17 bytes) and 10 bytes of the next
        Path cut = write(Arrays.copyOf(Files.readAllBytes(J1939), 106_800 + 20 * 1_000 + 10));

        try (MdfCanReader reader = MdfCanReader.open(cut, false)) {
            for (int i = 0; i < 1_003; i++) {
                assertThat(reader.next()).isNotNull();
            }
            // the loggers' own unfinalized files end on a whole record: a cut one is reported, not read short
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining(cut + " at byte 126800: truncated: the file ends inside the record of "
                            + "channel group 'CAN1_Rx_IDE' in the ##DT block at byte 106776 (10 of 20 bytes): "
                            + "at least 1 record lost, 10 bytes missing");
        }
        try (MdfCanReader reader = MdfCanReader.open(cut, true)) {
            long frames = 0;
            for (BusRecord record = reader.next(); record != null; record = reader.next()) {
                frames++;
            }
            assertThat(frames).isEqualTo(reader.stats().records()).isEqualTo(1_003);
            assertThat(reader.stats().rejected()).isEqualTo(1);
            assertThat(reader.stats().truncation()).hasValueSatisfying(truncation -> {
                assertThat(truncation.byteOffset()).isEqualTo(126_800);
                assertThat(truncation.bytesPresent()).isEqualTo(10);
                assertThat(truncation.bytesMissing()).isEqualTo(10);
                assertThat(truncation.recordsLost()).isEqualTo(1);
            });
        }
    }

    @Test
    void theRealLogsAreWholeAndAOneByteCutIsReported() throws IOException {
        for (Path real : List.of(J1939, J1939.resolveSibling("2F6913DB-00000004-00000001.MF4"))) {
            byte[] whole = Files.readAllBytes(real);
            long records;
            try (MdfCanReader reader = MdfCanReader.open(real, false)) {
                while (reader.next() != null) {
                    // read to the end: no exception, no truncation
                }
                assertThat(reader.stats().truncation()).as(real.toString()).isEmpty();
                records = reader.stats().records();
            }
            Path cut = write(Arrays.copyOf(whole, whole.length - 1));
            try (MdfCanReader reader = MdfCanReader.open(cut, false)) {
                assertThatThrownBy(() -> {
                    while (reader.next() != null) {
                        // until the cut
                    }
                }).isInstanceOf(LogFormatException.class).hasMessageContaining("truncated")
                        .hasMessageContaining("1 byte missing");
            }
            try (MdfCanReader reader = MdfCanReader.open(cut, true)) {
                while (reader.next() != null) {
                    // what is there
                }
                assertThat(reader.stats().records()).isEqualTo(records - 1);
                assertThat(reader.stats().truncation()).map(Truncation::bytesMissing).hasValue(1L);
            }
        }
    }

    @Test
    void finalizedFileWithATruncatedDataBlockFailsUnlessLenient() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(0);
        Block group = mdf.canGroup("CAN_DataFrame", 0, null);
        Block dataGroup = mdf.dataGroup(0, group, null);
        byte[] records = new byte[3 * MdfTestFileBuilder.RECORD_LENGTH];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(canRecord(i, 1, i, false, false, false, new byte[] {(byte) i}, -1), 0, records,
                    i * MdfTestFileBuilder.RECORD_LENGTH, MdfTestFileBuilder.RECORD_LENGTH);
        }
        Block dt = mdf.dt(records);
        dataGroup.links[2] = dt;
        byte[] whole = mdf.build("MDF     ", 0, dataGroup);
        Path cut = write(Arrays.copyOf(whole, whole.length - MdfTestFileBuilder.RECORD_LENGTH - 3));

        try (MdfCanReader reader = MdfCanReader.open(cut, false)) {
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("at byte " + dt.offset()).hasMessageContaining("truncated");
        }
        try (MdfCanReader reader = MdfCanReader.open(cut, true)) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().rejected()).isEqualTo(1);
            // the third record keeps 4 of its bytes (the cut also took the padding after the ##DT block)
            assertThat(reader.stats().truncation()).hasValueSatisfying(truncation -> {
                assertThat(truncation.what()).isEqualTo("record of channel group 'CAN_DataFrame' in the ##DT block "
                        + "at byte " + dt.offset());
                assertThat(truncation.byteOffset()).isEqualTo(dt.offset() + 24 + 2L * MdfTestFileBuilder.RECORD_LENGTH);
                assertThat(truncation.bytesPresent() + truncation.bytesMissing())
                        .isEqualTo(MdfTestFileBuilder.RECORD_LENGTH);
            });
        }
    }

    @Test
    void unknownRecordIdFailsWithItsOffsetAndEndsTheGroupWhenLenient() throws IOException {
        byte[] content = Files.readAllBytes(J1939);
        content[106_800 + 20] = (byte) 0xEE; // second record's id: no such channel group

        try (MdfCanReader reader = MdfCanReader.open(write(content), false)) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("at byte 106820").hasMessageContaining("record id 238");
        }
        try (MdfCanReader reader = MdfCanReader.open(write(content), true)) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().rejected()).isEqualTo(1);
        }
    }

    private Path write(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "corrupt", ".mf4"), content);
    }
}
