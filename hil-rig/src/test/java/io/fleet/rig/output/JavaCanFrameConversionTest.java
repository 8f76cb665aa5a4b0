package io.fleet.rig.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import org.junit.jupiter.api.Test;

/** Our frames to JavaCAN's and back; pure Java, runs without a CAN kernel. */
class JavaCanFrameConversionTest {

    @Test
    void remoteClassicAndExtendedFdFramesSurviveTheRoundTrip() {
        CanFrame remote = CanFrame.remote(0, 3, 0x123, false, 6, Direction.RX);
        CanFrame fd = CanFrame.fd(0, 3, 0x18DAF110, true, true, true, new byte[16]);
        CanFrame classic = CanFrame.classic(0, 3, 0x7E8, false, new byte[] {1, 2, 3});

        assertThat(SocketCanOutput.fromJavaCan(SocketCanOutput.toJavaCan(remote), 3)).isEqualTo(remote);
        // can_dlc carries the DLC the remote frame requests
        assertThat(SocketCanOutput.toJavaCan(remote).getDataLength()).isEqualTo(6);
        assertThat(SocketCanOutput.toJavaCan(remote).isRemoteTransmissionRequest()).isTrue();
        assertThat(SocketCanOutput.fromJavaCan(SocketCanOutput.toJavaCan(fd), 3)).isEqualTo(fd);
        assertThat(SocketCanOutput.fromJavaCan(SocketCanOutput.toJavaCan(classic), 3)).isEqualTo(classic);
    }
}
