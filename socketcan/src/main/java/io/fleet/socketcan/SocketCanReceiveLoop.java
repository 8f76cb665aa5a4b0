package io.fleet.socketcan;

import io.fleet.model.bus.CanFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/**
 * The receive thread of a {@link SocketCanChannel}: reads frame after frame into one reused direct buffer, converts
 * each and hands it to a {@link FrameHandler}. Its error policy, the same for every user:
 * <ul>
 *   <li>a frame that cannot be converted, or that the handler throws on, is logged, counted ({@link #ignored()})
 *       and the loop goes on with the next frame;</li>
 *   <li>the interface going down (ENETDOWN, which the kernel reports once; the socket receives again when it is
 *       up) is logged, counted ({@link #readFailures()}) and the loop goes on;</li>
 *   <li>any other read failure, or {@value #MAX_CONSECUTIVE_FAILURES} in a row, is logged, counted and stops the
 *       loop: {@link #failure()} holds the reason and the handler's {@link FrameHandler#onReceiveStopped} gets it;
 *       </li>
 *   <li>closing the channel stops the loop without a failure; a frame read after the close is not handed on.</li>
 * </ul>
 */
public final class SocketCanReceiveLoop implements Runnable {

    static final int MAX_CONSECUTIVE_FAILURES = 10;
    /** Linux errno ENETDOWN: the interface went down (JavaCAN names only EBADF, EAGAIN and ENODEV). */
    static final int ENETDOWN = 100;
    private static final int LOGGED_IN_FULL = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SocketCanReceiveLoop.class);

    /** Called on the receive thread. */
    @FunctionalInterface
    public interface FrameHandler {

        /** One received frame, direction RX, timestamp 0; it must not block. */
        void onFrame(CanFrame frame);

        /** The loop stopped on {@code failure} (already logged); not called when the channel was closed. */
        default void onReceiveStopped(IOException failure) {
        }
    }

    /** Reads one frame into the buffer from its position and flips it, as {@code RawCanChannel.readUnsafe} does. */
    @FunctionalInterface
    interface FrameReader {
        void read(ByteBuffer buffer) throws IOException;
    }

    private final String interfaceName;
    private final int channelNumber;
    private final FrameReader reader;
    private final BooleanSupplier open;
    private final FrameHandler handler;
    private final ByteBuffer buffer = SocketCanFrames.newFrameBuffer();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long received;
    private volatile long ignored;
    private volatile long readFailures;
    private volatile IOException failure;

    SocketCanReceiveLoop(String interfaceName, int channelNumber, FrameReader reader, BooleanSupplier open,
                         FrameHandler handler) {
        this.interfaceName = interfaceName;
        this.channelNumber = channelNumber;
        this.reader = reader;
        this.open = open;
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            receiveUntilClosedOrFailed();
        } finally {
            stopped.countDown();
        }
    }

    private void receiveUntilClosedOrFailed() {
        int consecutiveFailures = 0;
        while (open.getAsBoolean()) {
            buffer.clear();
            try {
                reader.read(buffer);
            } catch (IOException e) {
                if (!open.getAsBoolean()) {
                    return; // closed by its owner: the normal end
                }
                if (isReceiveTimeout(e)) {
                    continue; // the socket's receive timeout: a chance to notice a close
                }
                readFailures++;
                consecutiveFailures++;
                if (isInterfaceDown(e) && consecutiveFailures < MAX_CONSECUTIVE_FAILURES) {
                    LOG.warn("{}: interface went down, receiving on when it is up again: {}", interfaceName,
                            e.getMessage());
                    continue;
                }
                stop(e);
                return;
            }
            if (!open.getAsBoolean()) {
                return; // read by a receive that began before the close: its owner expects no more frames
            }
            consecutiveFailures = 0;
            handOn();
        }
    }

    private void handOn() {
        CanFrame frame;
        try {
            frame = SocketCanFrames.decode(buffer, channelNumber);
        } catch (RuntimeException e) {
            ignore("a received frame", e);
            return;
        }
        received++;
        try {
            handler.onFrame(frame);
        } catch (RuntimeException e) {
            ignore(frame.toString(), e);
        }
    }

    private void ignore(String what, RuntimeException e) {
        long count = ++ignored;
        if (count <= LOGGED_IN_FULL || count % 1000 == 0) {
            LOG.warn("{}: ignored {} ({} ignored so far): {}", interfaceName, what, count, e.toString());
        }
    }

    private void stop(IOException e) {
        failure = e;
        LOG.error("{}: receive failed, stopped after {} frames: {}", interfaceName, received, e.getMessage());
        handler.onReceiveStopped(e);
    }

    private static boolean isReceiveTimeout(IOException e) {
        return e instanceof LinuxNativeOperationException n
                && n.getErrorNumber() == LinuxNativeOperationException.EAGAIN;
    }

    private static boolean isInterfaceDown(IOException e) {
        return e instanceof LinuxNativeOperationException n && n.getErrorNumber() == ENETDOWN;
    }

    /** Frames converted and handed to the handler. */
    public long received() {
        return received;
    }

    /** Frames that could not be converted or that the handler threw on. */
    public long ignored() {
        return ignored;
    }

    /** Reads that failed while the channel was open, including the one that stopped the loop. */
    public long readFailures() {
        return readFailures;
    }

    /** Why the loop stopped on its own; empty while it runs and after a close. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Waits until the loop has ended (after a close or a failure); false if it still runs after {@code millis}. */
    public boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }
}
