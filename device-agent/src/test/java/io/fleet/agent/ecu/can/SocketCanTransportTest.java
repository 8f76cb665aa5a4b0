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
 * The agent's transport on real SocketCAN (vcan0): what the adapter sends arrives at an ECU's socket and back. The
 * frame kinds, opening and the receive loop are tested in the socketcan module. Create vcan0 with {@code modprobe vcan;
 * ip link add vcan0 type vcan; ip link set vcan0 mtu 72 up}; skipped with the reason where the kernel has no CAN
 * support (the build machines; {@code scripts/socketcan-tests-in-vm.sh} runs it).
 */
class SocketCanTransportTest {

    @Test
    void aCommandAndItsAcknowledgementCrossTheBusBetweenAgentAndEcu() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/class/net/vcan0")),
                "vcan0 absent (no /sys/class/net/vcan0): this kernel has no CAN support; SocketCAN test skipped");
        BlockingQueue<CanFrame> atEcu = new LinkedBlockingQueue<>();
        BlockingQueue<CanFrame> atAgent = new LinkedBlockingQueue<>();
        try (SocketCanTransport agent = SocketCanTransport.open("vcan0", Thread::new);
             SocketCanTransport ecu = SocketCanTransport.open("vcan0", Thread::new)) {
            ecu.startReceiving(atEcu::add);
            agent.startReceiving(atAgent::add);
            CanFrame command = CanFrame.classic(0, 0, 0x210, false, new byte[] {0, 0x04, 0, (byte) 0xFF, 0, 0, 0, 1});
            CanFrame status = CanFrame.fd(0, 0, 0x18DAF110, true, true, false, new byte[12]);

            agent.send(command.withDirection(Direction.TX));
            assertThat(atEcu.poll(10, TimeUnit.SECONDS)).isEqualTo(command);
            ecu.send(status.withDirection(Direction.TX));

            assertThat(atAgent.poll(10, TimeUnit.SECONDS)).isEqualTo(status);
        }
    }
}
