package io.fleet.agent.ecu.can;

import io.fleet.model.bus.CanFrame;
import io.fleet.socketcan.SocketCanChannel;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * A Linux SocketCAN interface (can0, vcan0), classic and FD frames, through the socketcan module's
 * {@link SocketCanChannel}: conversion, opening and the receive loop's error policy live there.
 *
 * <p>Threads: {@link #send} on the caller's thread; one receive thread from the given factory. One socket does both:
 * the kernel does not hand a socket its own frames back.
 */
public final class SocketCanTransport implements CanTransport {

    private final SocketCanChannel channel;
    private final ThreadFactory threads;

    private SocketCanTransport(SocketCanChannel channel, ThreadFactory threads) {
        this.channel = channel;
        this.threads = threads;
    }

    /** Opens a raw socket with CAN FD frames enabled on {@code interfaceName}. */
    public static SocketCanTransport open(String interfaceName, ThreadFactory threads) throws IOException {
        return new SocketCanTransport(SocketCanChannel.open(interfaceName, true), threads);
    }

    @Override
    public void send(CanFrame frame) throws IOException {
        channel.send(frame);
    }

    /** Frames arrive with timestamp 0 and channel 0: the adapter needs neither. */
    @Override
    public void startReceiving(Consumer<CanFrame> receiver) {
        channel.startReceiving(0, threads, receiver::accept);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
