package io.fleet.model.log.mdf;

import static io.fleet.model.log.mdf.MdfTestFileBuilder.canRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.LogWriters;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.Truncation;
import io.fleet.model.log.mdf.MdfTestFileBuilder.Block;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases the real files do not contain, built with {@link MdfTestFileBuilder}. */
class SyntheticMdfTest {

    static final long START = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void sortedGroupInTransposedAndPlainBlocksBehindAHeaderList() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(START);
        Block group = mdf.canGroup("CAN_DataFrame", 0, null);
        byte[] first = concat(canRecord(1_000, 1, 0x123, false, false, false, bytes(1, 2, 3), -1),
                canRecord(2_000, 2, 0x1ABCDEF, true, true, false, bytes(8, 7, 6, 5, 4, 3, 2, 1), -1));
        byte[] second = canRecord(3_500, 1, 0x7FF, false, false, false, bytes(), -1);
        Block list = mdf.dataList(mdf.dz(first, MdfTestFileBuilder.RECORD_LENGTH), mdf.dt(second));
        Block headerList = mdf.block("HL", MdfTestFileBuilder.le(8).putShort((short) 1).put((byte) 1), list);
        Path file = write(mdf.build("MDF     ", 0, mdf.dataGroup(0, group, headerList)));

        assertThat(readAll(file, false)).containsExactly(
                CanFrame.classic(START + 1_000_000, 1, 0x123, false, bytes(1, 2, 3)),
                new CanFrame(START + 2_000_000, 2, 0x1ABCDEF, true, false, false, false, false, Direction.TX,
                        bytes(8, 7, 6, 5, 4, 3, 2, 1)),
                CanFrame.classic(START + 3_500_000, 1, 0x7FF, false, bytes()));
    }

    @Test
    void unsortedGroupWithRemoteErrorAndVlsdFdFramesInADeflatedBlock() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(START);
        byte[] fdPayload = new byte[12];
        for (int i = 0; i < fdPayload.length; i++) {
            fdPayload[i] = (byte) (0xA0 + i);
        }
        ByteBuffer sd = MdfTestFileBuilder.le(4 + 2 + 4 + 12).putInt(2).put(bytes(0x11, 0x22)).putInt(12)
                .put(fdPayload);
        Block signalData = mdf.block("SD", sd);
        Block data = mdf.canGroup("CAN_DataFrame", 0x101, signalData);
        Block remote = mdf.canGroup("CAN_RemoteFrame", 0x202, null);
        Block error = mdf.canGroup("CAN_ErrorFrame", 0x303, null);
        byte[] records = concat(id2(0x101), canRecord(10, 1, 0x10, false, false, false, bytes(0x11, 0x22), 0),
                id2(0x303), new byte[MdfTestFileBuilder.RECORD_LENGTH],
                id2(0x202), canRecord(20, 3, 0x18FF0001, true, false, false, new byte[4], -1),
                id2(0x101), canRecord(30, 1, 0x20, false, false, true, fdPayload, 6));
        Block groups = MdfTestFileBuilder.chain(data, remote, error);
        Path file = write(mdf.build("MDF     ", 0, mdf.dataGroup(2, groups, mdf.dz(records, 0))));

        try (MdfCanReader reader = MdfCanReader.open(file, false)) {
            assertThat(reader.next()).isEqualTo(CanFrame.classic(START + 10_000, 1, 0x10, false, bytes(0x11, 0x22)));
            // the remote frame keeps the DLC (4) of its record
            assertThat(reader.next()).isEqualTo(CanFrame.remote(START + 20_000, 3, 0x18FF0001, true, 4,
                    Direction.RX));
            assertThat(reader.next()).isEqualTo(CanFrame.fd(START + 30_000, 1, 0x20, false, false, false,
                    fdPayload));
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().records()).isEqualTo(3);
            assertThat(reader.stats().skipped()).isEqualTo(1);
        }
    }

    @Test
    void aRemoteFramesDlcSurvivesConversionToEveryFormatThatHoldsRemoteFrames() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(START);
        Block remote = mdf.canGroup("CAN_RemoteFrame", 0, null);
        byte[] records = concat(canRecord(10, 1, 0x300, false, true, false, new byte[8], -1),
                canRecord(20, 1, 0x50005, true, false, false, new byte[5], -1));
        Path file = write(mdf.build("MDF     ", 0, mdf.dataGroup(0, remote, mdf.dt(records))));
        List<CanFrame> expected = List.of(CanFrame.remote(START + 10_000, 1, 0x300, false, 8, Direction.TX),
                CanFrame.remote(START + 20_000, 1, 0x50005, true, 5, Direction.RX));
        assertThat(readAll(file, false)).containsExactlyElementsOf(expected);

        for (LogFormat format : List.of(LogFormat.ASC, LogFormat.BLF, LogFormat.CANDUMP)) {
            Path converted = dir.resolve("from-mdf." + format.extensions().get(0));
            try (LogWriter writer = LogWriters.open(converted, format)) {
                for (BusRecord record : readAll(file, false)) {
                    writer.write(record);
                }
            }
            // candump as LogWriters writes it has no direction markers: every frame reads back as received
            List<CanFrame> back = new ArrayList<>();
            try (LogReader reader = LogReaders.open(converted, ReadOptions.strict())) {
                for (BusRecord r = reader.next(); r != null; r = reader.next()) {
                    back.add((CanFrame) r);
                }
            }
            assertThat(back).as(format.toString()).extracting(CanFrame::id, CanFrame::remote, CanFrame::remoteDlc)
                    .containsExactly(tuple(0x300, true, 8),
                            tuple(0x50005, true, 5));
        }
    }

    @Test
    void unfinalizedFileReadsToTheEndOfTheFileAndAPartialRecordIsATruncation() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(START);
        Block group = mdf.canGroup("CAN_DataFrame", 1, null);
        Block dataGroup = mdf.dataGroup(1, group, null);
        dataGroup.links[2] = mdf.dt(new byte[0]); // the last block, as loggers write it: records follow it
        byte[] head = mdf.build("UnFinMF ", 0x25, dataGroup);
        byte[] records = concat(new byte[] {1}, canRecord(5, 1, 0x42, false, false, false, bytes(9), -1),
                new byte[] {1, 7, 7});
        Path file = write(concat(head, records));

        try (MdfCanReader reader = MdfCanReader.open(file, false)) {
            assertThat(reader.next()).isEqualTo(CanFrame.classic(START + 5_000, 1, 0x42, false, bytes(9)));
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("truncated: the file ends inside the record of channel group "
                            + "'CAN_DataFrame'").hasMessageContaining("(3 of 20 bytes)");
        }
        try (MdfCanReader reader = MdfCanReader.open(file, true)) {
            assertThat(reader.file().isUnfinalized()).isTrue();
            assertThat(reader.next()).isEqualTo(CanFrame.classic(START + 5_000, 1, 0x42, false, bytes(9)));
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().rejected()).isEqualTo(1);
            assertThat(reader.stats().truncation()).map(Truncation::bytesMissing).hasValue(17L);
        }
    }

    @Test
    void unfinalizedFileWithAPlausibleLastBlockLengthDoesNotReadTheBlocksAfterIt() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(START);
        Block group = mdf.canGroup("CAN_DataFrame", 1, null);
        Block dataGroup = mdf.dataGroup(1, group, null);
        dataGroup.links[2] = mdf.dt(concat(new byte[] {1},
                canRecord(5, 1, 0x42, false, false, false, bytes(9), -1)));
        mdf.text("a block written after the data, e.g. by a finalizing tool that stopped half-way");
        Path file = write(mdf.build("UnFinMF ", 0x01, dataGroup));

        assertThat(readAll(file, false)).containsExactly(CanFrame.classic(START + 5_000, 1, 0x42, false, bytes(9)));
    }

    @Test
    void unwrittenLastBlockLengthEndsAtTheNextMetadataBlock() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(START);
        Block dataGroup = mdf.dataGroup(1, null, null);
        Block dt = mdf.dt(concat(new byte[] {1}, canRecord(5, 1, 0x42, false, false, false, bytes(9), -1),
                new byte[] {1}, canRecord(6, 1, 0x43, false, false, false, bytes(8), -1))); // 40 bytes: no padding
        dataGroup.links[2] = dt;
        dataGroup.links[1] = mdf.canGroup("CAN_DataFrame", 1, null); // metadata written after the data
        byte[] content = mdf.build("UnFinMF ", Mdf4File.UNFIN_LAST_DT_LENGTH, dataGroup);
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putLong((int) dt.offset() + 8, 24);

        assertThat(readAll(write(content), false)).containsExactly(
                CanFrame.classic(START + 5_000, 1, 0x42, false, bytes(9)),
                CanFrame.classic(START + 6_000, 1, 0x43, false, bytes(8)));
    }

    @Test
    void invalidFrameIsAnErrorWithItsOffsetOrRejectedWhenLenient() throws IOException {
        MdfTestFileBuilder mdf = new MdfTestFileBuilder(START);
        Block group = mdf.canGroup("CAN_DataFrame", 0, null);
        byte[] bad = canRecord(1, 1, 0x1, false, false, false, bytes(1), -1);
        bad[10] = 9; // DataLength 9 on a classic frame with 8 stored bytes
        byte[] good = canRecord(2, 1, 0x2, false, false, false, bytes(2), -1);
        Block dt = mdf.dt(concat(bad, good));
        Path file = write(mdf.build("MDF     ", 0, mdf.dataGroup(0, group, dt)));

        try (MdfCanReader reader = MdfCanReader.open(file, false)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(reader::next))
                    .isInstanceOf(io.fleet.model.log.LogFormatException.class)
                    .hasMessageContaining("at byte " + (dt.offset() + 24))
                    .hasMessageContaining("data length 9");
        }
        try (MdfCanReader reader = MdfCanReader.open(file, true)) {
            assertThat(reader.next()).isEqualTo(CanFrame.classic(START + 2_000, 1, 0x2, false, bytes(2)));
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().rejected()).isEqualTo(1);
        }
    }

    static byte[] id2(int id) {
        return new byte[] {(byte) id, (byte) (id >> 8)};
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    Path write(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "synthetic", ".mf4");
        return Files.write(file, content);
    }

    static List<BusRecord> readAll(Path file, boolean lenient) throws IOException {
        List<BusRecord> records = new ArrayList<>();
        try (MdfCanReader reader = MdfCanReader.open(file, lenient)) {
            for (BusRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }
}
