package io.fleet.socketcan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tel.schich.javacan.CanId;

/** Our frames to the kernel's frame structs and back; pure Java (JavaCAN's frame views), runs without a CAN kernel. */
class SocketCanFramesTest {

    /** Every kind of frame the bridge carries, on channel 3 as received. */
    static List<CanFrame> everyFrameKind() {
        return SocketCanTestFrames.everyKind(3);
    }

    @ParameterizedTest
    @MethodSource("everyFrameKind")
    void everyFrameKindSurvivesEncodeAndDecode(CanFrame frame) {
        ByteBuffer buffer = SocketCanFrames.newFrameBuffer();

        SocketCanFrames.encode(frame, buffer);

        assertThat(SocketCanFrames.decode(buffer, 3)).isEqualTo(frame);
    }

    @ParameterizedTest
    @MethodSource("everyFrameKind")
    void everyFrameKindIsWrittenAsJavaCanWritesIt(CanFrame frame) {
        ByteBuffer buffer = SocketCanFrames.newFrameBuffer();

        SocketCanFrames.encode(frame, buffer);

        assertThat(buffer).isEqualTo(javaCanWrites(frame).getBuffer());
    }

    @Test
    void aRemoteFrameCarriesItsDlcInCanDlcAndNoData() {
        ByteBuffer buffer = SocketCanFrames.newFrameBuffer();

        SocketCanFrames.encode(CanFrame.remote(0, 0, 0x7DF, false, 6, Direction.TX), buffer);

        tel.schich.javacan.CanFrame written = tel.schich.javacan.CanFrame.create(buffer);
        assertThat(written.isRemoteTransmissionRequest()).isTrue();
        assertThat(written.getDataLength()).isEqualTo(6);
        assertThat(buffer.remaining()).isEqualTo(16);
    }

    @Test
    void aRawDlcNineToFifteenGoesIntoLen8DlcAndComesBack() {
        ByteBuffer buffer = SocketCanFrames.newFrameBuffer();
        CanFrame data = CanFrame.classic(0, 3, 0x123, false, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).withDlc(13);
        CanFrame remote = CanFrame.remote(0, 3, 0x7DF, false, 15, Direction.RX);

        SocketCanFrames.encode(data, buffer);
        // struct can_frame: can_id, len 8, __pad, __res0, len8_dlc, data
        assertThat(buffer.get(4)).isEqualTo((byte) 8);
        assertThat(buffer.get(7)).isEqualTo((byte) 13);
        assertThat(SocketCanFrames.decode(buffer, 3)).isEqualTo(data);

        SocketCanFrames.encode(remote, buffer);
        assertThat(buffer.get(4)).isEqualTo((byte) 8);
        assertThat(buffer.get(7)).isEqualTo((byte) 15);
        assertThat(SocketCanFrames.decode(buffer, 3)).isEqualTo(remote);
    }

    @Test
    void anFdFrameOfEightBytesWithoutFlagsStaysFdBySize() {
        // kernels before the FDF flag mark such a frame only by its 72-byte size; JavaCAN's isFDFrame() says classic
        CanFrame fd = CanFrame.fd(0, 1, 0x100, false, false, false, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        ByteBuffer buffer = SocketCanFrames.newFrameBuffer();
        SocketCanFrames.encode(fd, buffer);
        buffer.put(5, tel.schich.javacan.CanFrame.FD_NO_FLAGS); // as an older kernel delivers it: no FDF flag

        assertThat(SocketCanFrames.decode(buffer, 1)).isEqualTo(fd);
    }

    @Test
    void aReusedBufferSendsNoBytesOfTheLongerFrameBefore() {
        ByteBuffer buffer = SocketCanFrames.newFrameBuffer();
        byte[] full = new byte[64];
        Arrays.fill(full, (byte) 0x5A);
        CanFrame shortFd = CanFrame.fd(0, 0, 0x101, false, true, false, new byte[12]);
        CanFrame classic = CanFrame.classic(0, 0, 0x102, false, new byte[] {1});

        SocketCanFrames.encode(CanFrame.fd(0, 0, 0x100, false, true, false, full), buffer);
        SocketCanFrames.encode(shortFd, buffer);
        assertThat(buffer).isEqualTo(javaCanWrites(shortFd).getBuffer());
        SocketCanFrames.encode(classic, buffer);
        assertThat(buffer).isEqualTo(javaCanWrites(classic).getBuffer());
    }

    @Test
    void anErrorFrameIsRejectedAsNoBusFrame() {
        ByteBuffer buffer = tel.schich.javacan.CanFrame.createRaw(CanId.ERR_FLAG | 0x004,
                tel.schich.javacan.CanFrame.FD_NO_FLAGS, new byte[8], 0, 8).getBuffer();

        assertThatThrownBy(() -> SocketCanFrames.decode(buffer, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error frame (class 0x4)");
    }

    @Test
    void aBufferOfNeitherFrameSizeIsRejected() {
        ByteBuffer buffer = SocketCanFrames.newFrameBuffer();
        buffer.limit(20);

        assertThatThrownBy(() -> SocketCanFrames.decode(buffer, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MTU");
    }

    /** JavaCAN's own writer, the reference for the kernel's layout. */
    private static tel.schich.javacan.CanFrame javaCanWrites(CanFrame frame) {
        int id = frame.id() | (frame.extended() ? CanId.EFF_FLAG : 0) | (frame.remote() ? CanId.RTR_FLAG : 0);
        int flags = !frame.fd() ? 0 : tel.schich.javacan.CanFrame.FD_FLAG_FD_FRAME
                | (frame.bitRateSwitch() ? tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH : 0)
                | (frame.errorState() ? tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR : 0);
        byte[] data = frame.remote() ? new byte[frame.remoteDlc()] : frame.data();
        return tel.schich.javacan.CanFrame.createRaw(id, (byte) flags, data, 0, data.length);
    }
}
