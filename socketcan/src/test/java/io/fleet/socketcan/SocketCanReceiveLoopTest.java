package io.fleet.socketcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import tel.schich.javacan.CanId;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/**
 * The receive loop's error policy, driven on the test thread by a scripted reader in place of the socket: what a
 * kernel hands a raw CAN socket (frames, errno failures, a close) without needing one.
 */
class SocketCanReceiveLoopTest {

    private static final CanFrame FIRST = CanFrame.classic(0, 2, 0x10, false, new byte[] {1});
    private static final CanFrame SECOND = CanFrame.fd(0, 2, 0x18DAF110, true, true, false, new byte[12]);

    private final ScriptedSocket socket = new ScriptedSocket();
    private final List<CanFrame> handed = new ArrayList<>();
    private final List<IOException> stops = new ArrayList<>();

    @Test
    void everyFrameIsHandedOnInOrderOnItsChannelThroughOneReusedBuffer() {
        socket.frame(FIRST).frame(SECOND);

        SocketCanReceiveLoop loop = runToTheEnd(recording());

        assertThat(handed).containsExactly(FIRST, SECOND);
        assertThat(loop.received()).isEqualTo(2);
        ByteBuffer first = socket.buffersReadInto.get(0);
        assertThat(socket.buffersReadInto).hasSize(3).allSatisfy(buffer -> assertThat(buffer).isSameAs(first));
        assertThat(first.isDirect()).isTrue();
    }

    @Test
    void aFrameTheHandlerThrowsOnIsCountedAndTheNextStillArrives() {
        socket.frame(FIRST).frame(SECOND);

        SocketCanReceiveLoop loop = runToTheEnd(frame -> {
            if (frame.equals(FIRST)) {
                throw new IllegalStateException("capture full");
            }
            handed.add(frame);
        });

        assertThat(handed).containsExactly(SECOND);
        assertThat(loop.ignored()).isEqualTo(1);
        assertThat(loop.failure()).isEmpty();
    }

    @Test
    void aFrameThatIsNoBusFrameIsCountedAndSkipped() {
        ByteBuffer errorFrame = tel.schich.javacan.CanFrame.createRaw(CanId.ERR_FLAG | 0x040,
                tel.schich.javacan.CanFrame.FD_NO_FLAGS, new byte[8], 0, 8).getBuffer();
        socket.raw(errorFrame).frame(FIRST);

        SocketCanReceiveLoop loop = runToTheEnd(recording());

        assertThat(handed).containsExactly(FIRST);
        assertThat(loop.ignored()).isEqualTo(1);
        assertThat(loop.received()).isEqualTo(1);
    }

    @Test
    void theInterfaceGoingDownIsCountedAndReceivingGoesOn() {
        socket.frame(FIRST).fail(errno(SocketCanReceiveLoop.ENETDOWN, "Network is down")).frame(SECOND);

        SocketCanReceiveLoop loop = runToTheEnd(recording());

        assertThat(handed).containsExactly(FIRST, SECOND);
        assertThat(loop.readFailures()).isEqualTo(1);
        assertThat(loop.failure()).isEmpty();
        assertThat(stops).isEmpty();
    }

    @Test
    void theReceiveTimeoutIsNoFailure() {
        socket.fail(errno(LinuxNativeOperationException.EAGAIN, "Resource temporarily unavailable")).frame(FIRST);

        SocketCanReceiveLoop loop = runToTheEnd(recording());

        assertThat(handed).containsExactly(FIRST);
        assertThat(loop.readFailures()).isZero();
    }

    @Test
    void anyOtherReadFailureStopsTheLoopWithTheReasonForTheCaller() {
        IOException gone = errno(LinuxNativeOperationException.ENODEV, "No such device");
        socket.frame(FIRST).fail(gone).frame(SECOND);

        SocketCanReceiveLoop loop = runToTheEnd(recording());

        assertThat(handed).containsExactly(FIRST);
        assertThat(loop.failure()).containsSame(gone);
        assertThat(stops).containsExactly(gone);
        assertThat(loop.readFailures()).isEqualTo(1);
        assertThat(socket.script).as("nothing read after the failure").hasSize(1);
    }

    @Test
    void anInterfaceThatKeepsFailingStopsTheLoopAfterTenFailuresInARow() {
        for (int i = 0; i < SocketCanReceiveLoop.MAX_CONSECUTIVE_FAILURES; i++) {
            socket.fail(errno(SocketCanReceiveLoop.ENETDOWN, "Network is down"));
        }

        SocketCanReceiveLoop loop = runToTheEnd(recording());

        assertThat(loop.readFailures()).isEqualTo(SocketCanReceiveLoop.MAX_CONSECUTIVE_FAILURES);
        assertThat(loop.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageStartingWith("Network is down"));
        assertThat(stops).hasSize(1);
    }

    @Test
    void aCloseEndsTheLoopWithoutAFailureAndAFrameReadAfterItIsNotHandedOn() throws Exception {
        socket.frame(FIRST).closeWhileReading(SECOND);

        SocketCanReceiveLoop loop = runToTheEnd(recording());

        assertThat(handed).containsExactly(FIRST);
        assertThat(loop.failure()).isEmpty();
        assertThat(stops).isEmpty();
        assertThat(loop.awaitStopped(0)).isTrue();
    }

    private SocketCanReceiveLoop.FrameHandler recording() {
        return new SocketCanReceiveLoop.FrameHandler() {
            @Override
            public void onFrame(CanFrame frame) {
                handed.add(frame);
            }

            @Override
            public void onReceiveStopped(IOException failure) {
                stops.add(failure);
            }
        };
    }

    private SocketCanReceiveLoop runToTheEnd(SocketCanReceiveLoop.FrameHandler handler) {
        SocketCanReceiveLoop loop = new SocketCanReceiveLoop("vcan9", 2, socket::read, () -> socket.open, handler);
        loop.run();
        return loop;
    }

    private static IOException errno(int errno, String text) {
        return new LinuxNativeOperationException(text, errno, text);
    }

    /** Plays back frames and failures; closes itself (a read then fails, as on a closed socket) when done. */
    private static final class ScriptedSocket {
        private final Deque<Object> script = new ArrayDeque<>();
        private final List<ByteBuffer> buffersReadInto = new ArrayList<>();
        private boolean open = true;

        ScriptedSocket frame(CanFrame frame) {
            ByteBuffer encoded = SocketCanFrames.newFrameBuffer();
            SocketCanFrames.encode(frame, encoded);
            return raw(encoded);
        }

        ScriptedSocket raw(ByteBuffer frame) {
            script.add(frame);
            return this;
        }

        ScriptedSocket fail(IOException failure) {
            script.add(failure);
            return this;
        }

        /** A read that was blocked when the owner closed the socket, and then got this frame. */
        ScriptedSocket closeWhileReading(CanFrame frame) {
            script.add((Runnable) () -> open = false);
            return frame(frame);
        }

        void read(ByteBuffer into) throws IOException {
            buffersReadInto.add(into);
            Object next = script.poll();
            if (next instanceof Runnable close) {
                close.run();
                next = script.poll();
            }
            if (next == null) {
                open = false;
                throw errno(LinuxNativeOperationException.EBADF, "Bad file descriptor");
            }
            if (next instanceof IOException failure) {
                throw failure;
            }
            into.put(((ByteBuffer) next).duplicate());
            into.flip();
        }
    }
}
