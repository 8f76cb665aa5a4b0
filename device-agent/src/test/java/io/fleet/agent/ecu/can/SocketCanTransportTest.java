package io.fleet.agent.ecu.can;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real SocketCAN through JavaCAN on vcan0, classic and FD frames. Create it with {@code modprobe vcan;
 * ip link add vcan0 type vcan; ip link set vcan0 mtu 72 up}. Skipped where the kernel has no CAN support (the
 * build machines); the frame conversion test runs everywhere.
 */
class SocketCanTransportTest {

    private static void needsVcan0() {
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/class/net/vcan0")),
                "vcan0 absent (no /sys/class/net/vcan0): this kernel has no CAN support; SocketCAN test skipped");
    }

    @Test
    void classicAndFdFramesSentOnOneSocketArriveOnAnother() throws Exception {
        needsVcan0();
        BlockingQueue<CanFrame> received = new LinkedBlockingQueue<>();
        try (SocketCanTransport agent = SocketCanTransport.open("vcan0", Thread::new);
             SocketCanTransport ecu = SocketCanTransport.open("vcan0", Thread::new)) {
            ecu.startReceiving(received::add);
            CanFrame classic = CanFrame.classic(0, 0, 0x210, false, new byte[] {0, 0x04, 0, (byte) 0xFF, 0, 0, 0, 1});
            CanFrame extendedFd = CanFrame.fd(0, 0, 0x18DAF110, true, true, false, new byte[12]);

            agent.send(classic.withDirection(Direction.TX));
            agent.send(extendedFd.withDirection(Direction.TX));

            assertThat(received.poll(2, TimeUnit.SECONDS)).isEqualTo(classic);
            assertThat(received.poll(2, TimeUnit.SECONDS)).isEqualTo(extendedFd);
        }
    }

    @Test
    void framesConvertToJavaCanAndBackWithoutTheKernel() {
        // JavaCAN's frame objects are plain buffers: this part needs no kernel support and runs everywhere.
        CanFrame fd = CanFrame.fd(0, 0, 0x123, false, true, true, new byte[16]);

        assertThat(SocketCanTransport.fromJavaCan(SocketCanTransport.toJavaCan(fd))).isEqualTo(fd);
    }

    @Test
    void aRemoteFrameKeepsItsDlcInCanDlc() {
        CanFrame remote = CanFrame.remote(0, 0, 0x7DF, false, 8, Direction.RX);

        assertThat(SocketCanTransport.toJavaCan(remote).getDataLength()).isEqualTo(8);
        assertThat(SocketCanTransport.toJavaCan(remote).isRemoteTransmissionRequest()).isTrue();
        assertThat(SocketCanTransport.fromJavaCan(SocketCanTransport.toJavaCan(remote))).isEqualTo(remote);
    }
}
