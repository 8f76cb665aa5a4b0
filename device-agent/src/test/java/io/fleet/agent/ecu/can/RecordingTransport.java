package io.fleet.agent.ecu.can;

import io.fleet.model.bus.CanFrame;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Test fixture: a transport that records what is sent and delivers frames the test hands it, on the test thread. */
final class RecordingTransport implements CanTransport {

    private final BlockingQueue<CanFrame> sent = new LinkedBlockingQueue<>();
    private volatile Consumer<CanFrame> receiver = frame -> { };
    private volatile IOException failSends;
    private volatile boolean closed;

    @Override
    public void send(CanFrame frame) throws IOException {
        if (failSends != null) {
            throw failSends;
        }
        sent.add(frame);
    }

    @Override
    public void startReceiving(Consumer<CanFrame> frameReceiver) {
        this.receiver = frameReceiver;
    }

    /** A frame "from the bus". */
    void deliver(CanFrame frame) {
        receiver.accept(frame);
    }

    /** The next frame the adapter sent, waiting up to 2 s. */
    CanFrame nextSent() throws InterruptedException {
        CanFrame frame = sent.poll(2, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("nothing was sent within 2 s");
        }
        return frame;
    }

    BlockingQueue<CanFrame> sent() {
        return sent;
    }

    void failSendsWith(IOException e) {
        failSends = e;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "recording";
    }
}
