package io.fleet.rig.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rig's SocketCAN output on vcan0: what a capture gets from it. The frame kinds, opening and the receive loop are
 * tested in the socketcan module. Create vcan0 with {@code modprobe vcan; ip link add vcan0 type vcan;
 * ip link set vcan0 mtu 72 up}. Skipped where the kernel has no CAN support (this build machine, whose tests
 * {@code scripts/socketcan-tests-in-vm.sh} runs in a virtual machine with a Debian kernel that has it).
 */
class SocketCanOutputTest {

    private record Received(String output, BusRecord record, long at) {
    }

    @BeforeEach
    void needsVcan0() {
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/class/net/vcan0")),
                "vcan0 absent (no /sys/class/net/vcan0): this kernel has no CAN support; SocketCAN test skipped");
    }

    @Test
    void aCapturingOutputGetsTheDutsAnswersOnItsChannelStampedByItsClockButNotItsOwnStimuli() throws Exception {
        BlockingQueue<Received> captured = new ArrayBlockingQueue<>(8);
        BlockingQueue<BusRecord> atDut = new ArrayBlockingQueue<>(8);
        try (SocketCanOutput rig = new SocketCanOutput("rig", "vcan0", true, 2);
             SocketCanOutput dut = new SocketCanOutput("dut", "vcan0", true, 1)) {
            rig.startReceiving((output, record, at) -> captured.add(new Received(output, record, at)),
                    new VirtualClock(42), ReplaySession.defaultThreads());
            dut.startReceiving((output, record, at) -> atDut.add(record), new VirtualClock(0),
                    ReplaySession.defaultThreads());
            CanFrame request = CanFrame.classic(0, 2, 0x7DF, false, new byte[] {0x02, 0x01, 0x0D});
            CanFrame answer = CanFrame.fd(0, 1, 0x18DAF1E8, true, true, false, new byte[12]);

            rig.send(request);
            assertThat(atDut.poll(10, TimeUnit.SECONDS)).isEqualTo(request.withChannel(1));
            dut.send(answer);

            assertThat(captured.poll(10, TimeUnit.SECONDS)).as("the DUT's answer, not the rig's request")
                    .isEqualTo(new Received("rig", answer.withChannel(2), 42L));
            assertThat(captured.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
