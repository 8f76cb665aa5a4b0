package io.fleet.model.log.mdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.TestData;
import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The real CANedge files of testdata/can/css-electronics. Expected values come from testdata/README.md and from an
 * independent stdlib-only Python decoder written while building this reader; the SHA-256 digests cover every frame
 * as "epochNanos,channel,hexId,extended,hexData,tx" lines, so any difference in any frame shows up.
 */
class MdfCanReaderTest {

    private static final Path J1939 = TestData.cssElectronics("j1939-demo-00000001.MF4");
    private static final Path CANEDGE_2 =
            TestData.cssElectronics("2F6913DB-00000004-00000001.MF4");

    @Test
    void decodesEveryFrameOfTheJ1939Demo() throws IOException {
        Decoded decoded = readAll(J1939);

        assertThat(decoded.frames).hasSize(150_411);
        assertThat(decoded.frames).filteredOn(CanFrame::extended).hasSize(139_136);
        assertThat(decoded.perChannel).containsExactly(Map.entry(1, 139_136L), Map.entry(9, 11_275L));
        assertThat(decoded.frames.get(0).timestampNanos()).isEqualTo(1_701_363_725_986_550_000L);
        long duration = decoded.frames.get(150_410).timestampNanos() - decoded.frames.get(0).timestampNanos();
        assertThat(duration).isEqualTo(401_576_300_000L);
        assertThat(decoded.stats).isEqualTo(new io.fleet.model.log.ReadStats(150_411, 0, 0));
        assertThat(decoded.digest).isEqualTo("847de026c18fe1a25d39f81faf975baf306c1a1b63413c84cf54f61690228e05");
    }

    @Test
    void concreteJ1939Frames() throws IOException {
        List<CanFrame> frames = readAll(J1939).frames;

        assertThat(frames.get(0)).isEqualTo(new CanFrame(1_701_363_725_986_550_000L, 1, 0x18F75E89, true, false,
                false, false, false, Direction.RX, hex("ff3528282b2d00a3")));
        assertThat(frames.get(1000)).isEqualTo(CanFrame.classic(1_701_363_728_860_400_000L, 1, 0x0CF00400, true,
                hex("ff7d7d0000ffffff")));
        assertThat(frames.stream().filter(f -> f.channel() == 9).findFirst()).contains(
                CanFrame.classic(1_701_363_726_927_500_000L, 9, 0x65, false, hex("00")));
        assertThat(frames.get(frames.size() - 1)).isEqualTo(CanFrame.classic(1_701_364_127_562_850_000L, 1,
                0x0CD22F27, true, hex("0000a0fffffff0ff")));
    }

    @Test
    void decodesVlsdPayloadsAndDirectionOfTheOlderFirmware() throws IOException {
        Decoded decoded = readAll(CANEDGE_2);

        assertThat(decoded.frames).hasSize(5_588).noneMatch(CanFrame::extended);
        assertThat(decoded.perChannel).containsExactly(Map.entry(1, 221L), Map.entry(2, 5_367L));
        assertThat(decoded.frames).filteredOn(f -> f.direction() == Direction.TX).hasSize(52);
        assertThat(decoded.stats).isEqualTo(new io.fleet.model.log.ReadStats(5_588, 0, 0));
        assertThat(decoded.frames.get(0)).isEqualTo(new CanFrame(1_641_469_561_949_700_000L, 1, 0x79B, false, false,
                false, false, false, Direction.TX, hex("022101ffffffffff")));
        assertThat(decoded.frames.get(1)).isEqualTo(CanFrame.classic(1_641_469_561_956_650_000L, 1, 0x7BB, false,
                hex("10356101fffff3cc")));
        assertThat(decoded.frames.get(1000)).isEqualTo(CanFrame.classic(1_641_469_585_246_050_000L, 2, 0x9, false,
                hex("0144104a01fa8f7f")));
        assertThat(decoded.digest).isEqualTo("5bc5ba96b517d92be98a8bd504254ab7e9f2a528951fee2b9a6a9909f2d2d50e");
    }

    @Test
    void exposesTheFileMetadata() throws IOException {
        Mdf4File file = Mdf4File.read(J1939);

        assertThat(file.fileId()).isEqualTo("UnFinMF ");
        assertThat(file.isUnfinalized()).isTrue();
        assertThat(file.version()).isEqualTo("4.11");
        assertThat(file.versionNumber()).isEqualTo(411);
        assertThat(file.programId()).isEqualTo("CE");
        assertThat(file.unfinalizedFlags()).isEqualTo(0x25);
        assertThat(file.startTimeNanos()).isEqualTo(1_701_363_724_000_000_000L);
        assertThat(file.startTimeIsLocal()).isFalse();
        assertThat(file.channelGroups()).extracting(Mdf4File.GroupInfo::name).contains("CAN1_Rx_IDE", "CAN9_Rx",
                "CAN2_Errors", "LIN1_Frame");
        assertThat(file.channelGroups()).filteredOn(g -> "CAN1_Rx_IDE".equals(g.name())).singleElement()
                .satisfies(g -> {
                    assertThat(g.recordId()).isEqualTo(66);
                    assertThat(g.source()).isEqualTo("CAN1");
                    assertThat(g.busEvent()).isEqualTo("CAN_DataFrame");
                    assertThat(g.cycleCount()).isZero();
                });
        assertThat(Mdf4File.read(CANEDGE_2).channelGroups()).extracting(Mdf4File.GroupInfo::busEvent)
                .contains("CAN_DataFrame", "CAN_ErrorFrame", "CAN_RemoteFrame", "LIN_Frame");
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static Decoded readAll(Path path) throws IOException {
        try (MdfCanReader reader = MdfCanReader.open(path, false)) {
            Decoded decoded = new Decoded();
            MessageDigest digest = sha256();
            for (BusRecord record = reader.next(); record != null; record = reader.next()) {
                CanFrame frame = (CanFrame) record;
                decoded.frames.add(frame);
                decoded.perChannel.merge(frame.channel(), 1L, Long::sum);
                digest.update((frame.timestampNanos() + "," + frame.channel() + "," + Integer.toHexString(frame.id())
                        + "," + (frame.extended() ? 1 : 0) + "," + HexFormat.of().formatHex(frame.data()) + ","
                        + (frame.direction() == Direction.TX ? 1 : 0) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            decoded.stats = reader.stats();
            decoded.digest = HexFormat.of().formatHex(digest.digest());
            return decoded;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Decoded {
        final List<CanFrame> frames = new ArrayList<>();
        final Map<Integer, Long> perChannel = new TreeMap<>();
        io.fleet.model.log.ReadStats stats;
        String digest;
    }
}
