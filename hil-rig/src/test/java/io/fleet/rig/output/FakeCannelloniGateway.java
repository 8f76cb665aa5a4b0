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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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

    /** The id of the marker frames the gateway sends itself; no test sends it otherwise. */
    private static final int MARKER_ID = 0x1FFFFFFF;
    private static final AtomicLong MARKERS = new AtomicLong();

    private final DatagramChannel channel;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Per marker number, how many frames had been received when the marker arrived. */
    private final Map<Long, Integer> markers = new ConcurrentHashMap<>();
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
            // what arrived is the answer: the test's assertion on it says what is missing
        }
        return received();
    }

    /**
     * The frames that arrived before a marker frame sent now from a socket of the test's own, once the marker has
     * arrived: "no more frames came" after the sender under test has finished, without waiting a while. The gateway
     * takes datagrams in the order they reach its socket, and loopback queues a datagram to the receiving socket
     * before the send that carried it returns, so whatever was sent before is counted. The marker is not kept.
     */
    public List<Received> receivedBeforeMarker() throws IOException {
        long marker = MARKERS.incrementAndGet();
        byte[] datagram = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
        int length = CannelloniCodec.encode(0, List.of(CanFrame.classic(0, 0, MARKER_ID, true,
                ByteBuffer.allocate(Long.BYTES).putLong(marker).array())), 0, 1, datagram);
        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.send(ByteBuffer.wrap(datagram, 0, length), address());
        }
        int before = await("marker frame " + marker).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> markers.get(marker), Objects::nonNull);
        return List.copyOf(received.subList(0, before));
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
                    if (frame.extended() && frame.id() == MARKER_ID) {
                        markers.put(ByteBuffer.wrap(frame.data()).getLong(), received.size());
                        continue;
                    }
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
