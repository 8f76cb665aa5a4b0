package io.fleet.rig.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.ReplaySession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real SocketCAN through JavaCAN on vcan0. Create it with {@code modprobe vcan; ip link add vcan0 type vcan;
 * ip link set vcan0 mtu 72 up}. Skipped where the kernel has no CAN support (this build machine, whose tests
 * {@code scripts/socketcan-tests-in-vm.sh} runs in a virtual machine with a Debian kernel that has it).
 */
class SocketCanOutputTest {

    @BeforeEach
    void needsVcan0() {
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/class/net/vcan0")),
                "vcan0 absent: kernel has no CAN support");
    }

    @Test
    void framesSentOnOneSocketArriveOnAnotherWithIdFlagsAndData() throws Exception {
        BlockingQueue<BusRecord> received = new ArrayBlockingQueue<>(8);
        try (SocketCanOutput sender = new SocketCanOutput("tx", "vcan0", true, 1);
             SocketCanOutput dut = new SocketCanOutput("dut", "vcan0", true, 1)) {
            dut.startReceiving((output, record, at) -> received.add(record), ReplayClock.system(),
                    ReplaySession.defaultThreads());
            CanFrame classic = CanFrame.classic(0, 1, 0x7E0, false, new byte[] {0x02, 0x01, 0x0C});
            CanFrame extendedFd = CanFrame.fd(0, 1, 0x18DAF110, true, true, false, new byte[12]);

            sender.send(classic);
            sender.send(extendedFd);

            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(classic);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(extendedFd);
        }
    }

    @Test
    void aCapturingOutputGetsTheDutsAnswersButNotItsOwnStimuli() throws Exception {
        BlockingQueue<BusRecord> captured = new ArrayBlockingQueue<>(8);
        BlockingQueue<BusRecord> atDut = new ArrayBlockingQueue<>(8);
        try (SocketCanOutput rig = new SocketCanOutput("rig", "vcan0", true, 1);
             SocketCanOutput dut = new SocketCanOutput("dut", "vcan0", true, 1)) {
            rig.startReceiving((output, record, at) -> captured.add(record), ReplayClock.system(),
                    ReplaySession.defaultThreads());
            dut.startReceiving((output, record, at) -> atDut.add(record), ReplayClock.system(),
                    ReplaySession.defaultThreads());
            CanFrame request = CanFrame.classic(0, 1, 0x7DF, false, new byte[] {0x02, 0x01, 0x0D});
            CanFrame answer = CanFrame.classic(0, 1, 0x7E8, false, new byte[] {0x03, 0x41, 0x0D, 0x32});

            rig.send(request);
            assertThat(atDut.poll(10, TimeUnit.SECONDS)).isEqualTo(request);
            dut.send(answer);

            assertThat(captured.poll(10, TimeUnit.SECONDS)).as("the DUT's answer, not the rig's request")
                    .isEqualTo(answer);
            assertThat(captured.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
