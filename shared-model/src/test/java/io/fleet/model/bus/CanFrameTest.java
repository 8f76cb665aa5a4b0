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
        assertThatThrownBy(() -> CanFrame.remote(0, 1, 0x300, false, 9, Direction.RX))
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
}
