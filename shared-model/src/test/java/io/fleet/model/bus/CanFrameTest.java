package io.fleet.model.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A remote frame carries the DLC it requests and no data; nothing makes one without saying which DLC. */
class CanFrameTest {

    @Test
    void remoteFrameKeepsItsDlcThroughEveryCopy() {
        CanFrame remote = CanFrame.remote(5, 1, 0x300, false, 8, Direction.TX);

        assertThat(remote.dlc()).isEqualTo(8);
        assertThat(remote.dataLength()).isZero();
        assertThat(remote.withChannel(2).withTimestampNanos(9).withDirection(Direction.RX).remoteDlc()).isEqualTo(8);
        assertThat(remote).isNotEqualTo(CanFrame.remote(5, 1, 0x300, false, 5, Direction.TX));
        assertThat(remote.toString()).contains(" R8");
    }

    @Test
    void dataFrameDlcFollowsItsPayload() {
        assertThat(CanFrame.classic(0, 1, 0x1, false, new byte[3]).dlc()).isEqualTo(3);
        assertThat(CanFrame.fd(0, 1, 0x1, false, false, false, new byte[64]).dlc()).isEqualTo(15);
    }

    @Test
    void eachFactoryMakesItsKindOfFrameWithTheDirectionGiven() {
        CanFrame data = CanFrame.data(7, 2, 0x1ABCDEF, true, Direction.TX, new byte[] {1, 2});
        assertThat(data).extracting(CanFrame::remote, CanFrame::fd, CanFrame::bitRateSwitch, CanFrame::errorState,
                CanFrame::extended, CanFrame::direction)
                .containsExactly(false, false, false, false, true, Direction.TX);

        CanFrame fd = CanFrame.fd(7, 2, 0x123, false, true, false, Direction.TX, new byte[12]);
        assertThat(fd).extracting(CanFrame::remote, CanFrame::fd, CanFrame::bitRateSwitch, CanFrame::errorState,
                CanFrame::direction).containsExactly(false, true, true, false, Direction.TX);
        assertThatThrownBy(() -> CanFrame.fd(7, 2, 0x123, false, true, false, Direction.TX, new byte[9]))
                .hasMessageContaining("data length");
    }

    @Test
    void invalidRemoteFramesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> CanFrame.remote(0, 1, 0x300, false, 16, Direction.RX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remote frame DLC");
        assertThatThrownBy(() -> new CanFrame(0, 1, 0x300, false, true, false, false, false, Direction.RX,
                new byte[2], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data length").hasMessageContaining("remote frame");
        assertThatThrownBy(() -> new CanFrame(0, 1, 0x300, false, false, false, false, false, Direction.RX,
                new byte[2], 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remoteDlc");
    }

    @Test
    void theConstructorWithoutADlcMakesNoRemoteFrame() {
        assertThatThrownBy(() -> new CanFrame(0, 1, 0x300, false, true, false, false, false, Direction.RX,
                new byte[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its DLC");
    }

    @Test
    void aRawDlcNineToFifteenRidesOnClassicFramesOfEightBytesThroughEveryCopy() {
        CanFrame data = CanFrame.classic(5, 1, 0x123, false, new byte[8]).withDlc(14);
        CanFrame remote = CanFrame.remote(5, 1, 0x123, false, 9, Direction.TX);

        assertThat(data).extracting(CanFrame::dlc, CanFrame::len8Dlc, CanFrame::dataLength).containsExactly(14, 14, 8);
        assertThat(remote).extracting(CanFrame::dlc, CanFrame::len8Dlc, CanFrame::remoteDlc).containsExactly(9, 9, 8);
        assertThat(data.withChannel(2).withDirection(Direction.TX).withTimestampNanos(7).dlc()).isEqualTo(14);
        assertThat(data).isNotEqualTo(CanFrame.classic(5, 1, 0x123, false, new byte[8]));
        assertThat(data.withDlc(8).len8Dlc()).isZero();
    }

    @Test
    void aRawDlcThatDoesNotFitTheFrameIsRefusedNamingIt() {
        assertThatThrownBy(() -> CanFrame.classic(0, 1, 0x123, false, new byte[7]).withDlc(9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit a frame of 7 bytes");
        assertThatThrownBy(() -> CanFrame.classic(0, 1, 0x123, false, new byte[8]).withDlc(16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DLC");
        assertThatThrownBy(() -> new CanFrame(0, 1, 0x123, false, false, true, false, false, Direction.RX,
                new byte[8], 0, 12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only for a classic frame of 8 bytes");
        assertThatThrownBy(() -> new CanFrame(0, 1, 0x123, false, true, false, false, false, Direction.RX,
                new byte[0], 5, 12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only for a classic frame of 8 bytes");
    }
}
