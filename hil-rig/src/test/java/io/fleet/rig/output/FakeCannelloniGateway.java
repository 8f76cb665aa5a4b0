package io.fleet.rig.output;

import static org.awaitility.Awaitility.await;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.model.can.cannelloni.CannelloniPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Plays a CAN/Ethernet gateway with a DUT behind it on a loopback UDP port: decodes every cannelloni datagram,
 * remembers each frame with its receive time, and answers with what the responder returns.
 */
public final class FakeCannelloniGateway implements AutoCloseable {

    /** A frame as the gateway received it. */
    public record Received(CanFrame frame, long receivedAtNanos, int sequenceNumber) {
    }

    private final DatagramChannel channel;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final Function<CanFrame, List<CanFrame>> responder;

    public FakeCannelloniGateway(Function<CanFrame, List<CanFrame>> responder) throws IOException {
        this.responder = responder;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::receiveLoop, "fake-gateway");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (bounded) until {@code count} frames arrived; loopback UDP loses none unless buffers overflow. */
    public List<Received> awaitFrames(int count, long timeoutMillis) {
        try {
            await().atMost(Duration.ofMillis(timeoutMillis)).pollInterval(Duration.ofMillis(5))
                    .until(() -> received.size() >= count);
        } catch (ConditionTimeoutException fewer) {
            // what arrived is the answer: a test that expects no more frames asks for one more than it expects
        }
        return received();
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        byte[] answer = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
        int sequence = 0;
        while (channel.isOpen()) {
            try {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                long now = System.nanoTime();
                CannelloniPacket packet = CannelloniCodec.decode(buffer.array(), 0, buffer.position(), 0, 1);
                for (CanFrame frame : packet.frames()) {
                    received.add(new Received(frame, now, packet.sequenceNumber()));
                    List<CanFrame> responses = responder.apply(frame);
                    if (!responses.isEmpty()) {
                        int length = CannelloniCodec.encode(sequence++ & 0xFF, responses, 0, responses.size(),
                                answer);
                        channel.send(ByteBuffer.wrap(answer, 0, length), from);
                    }
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
