package io.fleet.agent.ecu.can;

import io.fleet.model.bus.CanFrame;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/** A CAN bus as the adapter sees it: frames out, frames in. Implementations are thread-safe. */
public interface CanTransport extends Closeable {

    /**
     * Sends one frame on the caller's thread.
     *
     * @throws IOException with the OS detail when the frame cannot be sent
     */
    void send(CanFrame frame) throws IOException;

    /**
     * Starts the transport's receive thread, which hands every received frame to {@code receiver} (call once).
     * The receiver must not block; what it throws is logged and the next frame still arrives.
     */
    void startReceiving(Consumer<CanFrame> receiver);

    /** Stops receiving and releases the socket. */
    @Override
    void close() throws IOException;
}
