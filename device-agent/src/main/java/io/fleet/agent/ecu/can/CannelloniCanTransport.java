package io.fleet.agent.ecu.can;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.model.can.cannelloni.CannelloniFormatException;
import io.fleet.model.can.cannelloni.CannelloniPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CAN over UDP in the cannelloni wire format (codec in shared-model) to and from one gateway, as cannelloni or a
 * CAN/Ethernet gateway speaks it. One frame per datagram on send (commands are rare and latency matters more than
 * packing); any number per datagram on receive.
 *
 * <p>Threads: {@link #send} runs on the caller's thread (serialised, it shares the sequence number and buffer); one
 * receive thread from the given factory blocks in {@link DatagramChannel#receive} and calls the receiver. Datagrams
 * from other senders than the gateway are ignored (as cannelloni does) and counted; malformed ones are logged,
 * counted and ignored.
 */
public final class CannelloniCanTransport implements CanTransport {

    private static final Logger LOG = LoggerFactory.getLogger(CannelloniCanTransport.class);

    private final DatagramChannel channel;
    private final InetSocketAddress gateway;
    private final ThreadFactory threads;
    private final byte[] sendBuffer = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private int sequence;

    /** Uses an already bound channel; for tests that need both ends' ports before either starts. */
    public CannelloniCanTransport(DatagramChannel boundChannel, InetSocketAddress gateway, ThreadFactory threads) {
        this.channel = boundChannel;
        this.gateway = gateway;
        this.threads = threads;
    }

    /** Binds {@code local} (port 0 for any) and talks to {@code gateway}. */
    public static CannelloniCanTransport open(InetSocketAddress local, InetSocketAddress gateway,
                                              ThreadFactory threads) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(local);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind the cannelloni UDP socket to " + local + ": " + e.getMessage(), e);
        }
        return new CannelloniCanTransport(channel, gateway, threads);
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public synchronized void send(CanFrame frame) throws IOException {
        int length = CannelloniCodec.encode(sequence, List.of(frame), 0, 1, sendBuffer);
        sequence = (sequence + 1) & 0xFF;
        int sent = channel.send(ByteBuffer.wrap(sendBuffer, 0, length), gateway);
        if (sent != length) {
            throw new IOException("UDP send buffer full: cannelloni datagram to " + gateway + " not sent");
        }
    }

    @Override
    public void startReceiving(Consumer<CanFrame> receiver) {
        Thread thread = threads.newThread(() -> receiveLoop(receiver));
        thread.start();
    }

    private void receiveLoop(Consumer<CanFrame> receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                if (!gateway.equals(sender)) {
                    foreign.incrementAndGet();
                    LOG.debug("ignored a datagram from {}, not the gateway {}", sender, gateway);
                    continue;
                }
                CannelloniPacket packet = CannelloniCodec.decode(buffer.array(), 0, buffer.position(), 0, 0);
                for (CanFrame frame : packet.frames()) {
                    receiver.accept(frame);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (CannelloniFormatException e) {
                malformed.incrementAndGet();
                LOG.warn("ignored a malformed datagram from {}: {}", gateway, e.getMessage());
            } catch (IOException | RuntimeException e) {
                // one failing datagram or receiver must not end the reception of all later ones
                LOG.warn("ignored a received datagram: {}", e.toString());
            }
        }
    }

    /** Datagrams from the gateway that were not valid cannelloni. */
    public long malformedDatagrams() {
        return malformed.get();
    }

    /** Datagrams from senders other than the gateway. */
    public long foreignDatagrams() {
        return foreign.get();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "cannelloni://" + gateway.getHostString() + ":" + gateway.getPort();
    }
}
