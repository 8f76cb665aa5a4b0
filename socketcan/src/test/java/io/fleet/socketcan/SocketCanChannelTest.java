package io.fleet.socketcan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real SocketCAN through JavaCAN on vcan0. Create it with {@code modprobe vcan; ip link add vcan0 type vcan;
 * ip link set vcan0 mtu 72 up}. Skipped with the reason where the kernel has no CAN support (the build machines);
 * {@code scripts/socketcan-tests-in-vm.sh} runs them on a Debian kernel with CAN in a QEMU guest.
 */
class SocketCanChannelTest {

    private static void needsVcan0() {
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/class/net/vcan0")),
                "vcan0 absent (no /sys/class/net/vcan0): this kernel has no CAN support; SocketCAN test skipped");
    }

    @Test
    void everyFrameKindSentOnOneSocketArrivesOnAnother() throws Exception {
        needsVcan0();
        BlockingQueue<CanFrame> received = new LinkedBlockingQueue<>();
        List<CanFrame> frames = SocketCanTestFrames.everyKind(4);
        try (SocketCanChannel sender = SocketCanChannel.open("vcan0", true);
             SocketCanChannel receiver = SocketCanChannel.open("vcan0", true)) {
            SocketCanReceiveLoop loop = receiver.startReceiving(4, Thread::new, received::add);

            for (CanFrame frame : frames) {
                sender.send(frame.withDirection(Direction.TX));
            }

            for (CanFrame frame : frames) {
                assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(frame);
            }
            assertThat(loop.received()).isEqualTo(frames.size());
            assertThat(loop.ignored()).isZero();
        }
    }

    @Test
    void aSocketGetsTheOtherNodesFramesButNeverItsOwn() throws Exception {
        needsVcan0();
        BlockingQueue<CanFrame> atRig = new LinkedBlockingQueue<>();
        BlockingQueue<CanFrame> atDut = new LinkedBlockingQueue<>();
        try (SocketCanChannel rig = SocketCanChannel.open("vcan0", false);
             SocketCanChannel dut = SocketCanChannel.open("vcan0", false)) {
            rig.startReceiving(1, Thread::new, atRig::add);
            dut.startReceiving(1, Thread::new, atDut::add);
            CanFrame request = CanFrame.classic(0, 1, 0x7DF, false, new byte[] {0x02, 0x01, 0x0D});
            CanFrame answer = CanFrame.classic(0, 1, 0x7E8, false, new byte[] {0x03, 0x41, 0x0D, 0x32});

            rig.send(request);
            assertThat(atDut.poll(10, TimeUnit.SECONDS)).isEqualTo(request);
            dut.send(answer);

            assertThat(atRig.poll(10, TimeUnit.SECONDS)).as("the DUT's answer, not the rig's request")
                    .isEqualTo(answer);
            assertThat(atRig.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void closingEndsTheReceiveLoopWithoutAFailure() throws Exception {
        needsVcan0();
        SocketCanReceiveLoop loop;
        try (SocketCanChannel channel = SocketCanChannel.open("vcan0", true)) {
            loop = channel.startReceiving(1, Thread::new, frame -> { });
        }

        assertThat(loop.awaitStopped(10_000)).as("loop ended after the close").isTrue();
        assertThat(loop.failure()).isEmpty();
    }

    @Test
    void anFdFrameOnAChannelOpenedWithoutFdIsRefusedWithTheOsDetail() throws Exception {
        needsVcan0();
        try (SocketCanChannel classicOnly = SocketCanChannel.open("vcan0", false)) {
            assertThatThrownBy(() -> classicOnly.send(CanFrame.fd(0, 0, 0x1, false, true, false, new byte[12])))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aFailedOpenLeavesNoSocketOpen() throws Exception {
        needsVcan0(); // the socket is made; binding it to an interface that is not there fails
        long before = openFileDescriptors();

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> SocketCanChannel.open("nosuchcan9", true)).isInstanceOf(IOException.class);
        }

        assertThat(openFileDescriptors()).as("sockets left open by 20 failed opens").isLessThan(before + 5);
    }

    @Test
    void openingAnInterfaceThatIsNotThereFailsNamingIt() {
        // runs everywhere: without CAN in the kernel the socket cannot be made, with it the interface is missing
        assertThatThrownBy(() -> SocketCanChannel.open("nosuchcan9", true))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot open SocketCAN interface nosuchcan9: ")
                .hasMessageContaining("errorNumber=");
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
