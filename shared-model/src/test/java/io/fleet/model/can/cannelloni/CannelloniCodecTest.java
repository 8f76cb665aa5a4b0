package io.fleet.model.can.cannelloni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CannelloniCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final CanFrame STANDARD = CanFrame.classic(0, 1, 0x123, false, new byte[] {0x11, 0x22, 0x33});
    private static final CanFrame EXTENDED = CanFrame.classic(0, 1, 0x18DAF110, true, new byte[] {(byte) 0xAB});
    private static final CanFrame FD = CanFrame.fd(0, 1, 0x7E0, false, true, false,
            HEX.parseHex("000102030405060708090a0b"));
    private static final CanFrame REMOTE = CanFrame.remote(0, 1, 0x456, false, 2, Direction.RX);

    @Test
    void encodesHeaderAndClassicFramesAsHandComputed() {
        byte[] out = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
        int length = CannelloniCodec.encode(7, List.of(STANDARD, EXTENDED), 0, 2, out);

        // version 2, DATA, seq 7, count 0x0002 | 0x00000123 len 3 112233 | 0x98DAF110 (EFF) len 1 AB
        assertThat(HEX.formatHex(Arrays.copyOf(out, length)))
                .isEqualTo("0200070002" + "00000123" + "03" + "112233" + "98daf110" + "01" + "ab");
    }

    @Test
    void marksFdFramesInTheLengthByteAndAddsTheFlagsByte() {
        byte[] out = new byte[64];
        int length = CannelloniCodec.encode(255, List.of(FD), 0, 1, out);

        // len 12 | 0x80 = 0x8c, flags BRS = 0x01, then 12 data bytes
        assertThat(HEX.formatHex(Arrays.copyOf(out, length)))
                .isEqualTo("0200ff0001" + "000007e0" + "8c" + "01" + "000102030405060708090a0b");
    }

    @Test
    void remoteFramesHaveTheRtrFlagTheirDlcAndNoDataBytes() throws Exception {
        byte[] out = new byte[64];
        int length = CannelloniCodec.encode(0, List.of(REMOTE), 0, 1, out);
        // the length field of a remote frame is the DLC it requests (SocketCAN's can_dlc); no data bytes follow
        byte[] withDlc = HEX.parseHex("0200000002" + "40000456" + "02" + "00000123" + "01" + "aa");

        assertThat(HEX.formatHex(Arrays.copyOf(out, length))).isEqualTo("0200000001" + "40000456" + "02");
        assertThat(CannelloniCodec.decode(withDlc, 0, withDlc.length, 0, 1).frames())
                .containsExactly(REMOTE, CanFrame.classic(0, 1, 0x123, false, new byte[] {(byte) 0xAA}));
    }

    @Test
    void aRawDlcNineToFifteenIsRefusedNotSentAsDlcEight() {
        // the wire has a length byte only: the frame would reach the DUT with DLC 8, not as recorded
        CanFrame dlc14 = CanFrame.classic(0, 1, 0x123, false, new byte[8]).withDlc(14);

        assertThatThrownBy(() -> CannelloniCodec.encode(0, List.of(dlc14), 0, 1, new byte[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannelloni cannot carry the raw DLC 14 of frame 0x123");
        assertThatThrownBy(() -> CannelloniCodec.encode(0,
                List.of(CanFrame.remote(0, 1, 0x7DF, false, 15, Direction.TX)), 0, 1, new byte[64]))
                .hasMessageContaining("raw DLC 15");
    }

    @Test
    void decodesWhatItEncodes() throws Exception {
        List<CanFrame> frames = List.of(STANDARD, EXTENDED, FD, REMOTE);
        byte[] out = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
        int length = CannelloniCodec.encode(42, frames, 0, frames.size(), out);

        CannelloniPacket packet = CannelloniCodec.decode(out, 0, length, 0, 1);

        assertThat(packet.sequenceNumber()).isEqualTo(42);
        assertThat(packet.frames()).containsExactlyElementsOf(frames);
        assertThat(packet.errorFramesSkipped()).isZero();
    }

    @Test
    void skipsAndCountsErrorFrames() throws Exception {
        byte[] datagram = HEX.parseHex("0200010002" + "20000004" + "08" + "0000000000000000" + "00000123" + "00");

        CannelloniPacket packet = CannelloniCodec.decode(datagram, 0, datagram.length, 5, 2);

        assertThat(packet.errorFramesSkipped()).isEqualTo(1);
        assertThat(packet.frames()).containsExactly(CanFrame.classic(5, 2, 0x123, false, new byte[0]));
    }

    @Test
    void rejectsWrongVersionOpCodeAndTruncatedFrames() {
        byte[] wrongVersion = HEX.parseHex("0100000000");
        byte[] ack = HEX.parseHex("0201000000");
        byte[] truncated = HEX.parseHex("0200000001" + "00000123" + "08" + "1122");

        assertThatThrownBy(() -> CannelloniCodec.decode(wrongVersion, 0, 5, 0, 1)).hasMessageContaining("version 1");
        assertThatThrownBy(() -> CannelloniCodec.decode(ack, 0, 5, 0, 1)).hasMessageContaining("op code 1");
        assertThatThrownBy(() -> CannelloniCodec.decode(truncated, 0, truncated.length, 0, 1))
                .isInstanceOf(CannelloniFormatException.class)
                .hasMessageContaining("announces 8 data bytes but only 2 remain");
    }
}
