package io.fleet.rig.dut;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.model.can.cannelloni.CannelloniPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device under test for demos and tests, spoken to over cannelloni (UDP): it answers every classic data frame
 * with a standard id from 0x7E0 to 0x7E7 (the OBD/UDS physical request ids) with a frame of that id + 8 (0x7E8 to
 * 0x7EF, the matching response ids) carrying the same data, sent back to the datagram's sender; other frames get no
 * answer. So a replay with {@code --match 0x7E0->0x7E8} has answers to check.
 */
public final class DutSimulator implements AutoCloseable {

    public static final int FIRST_REQUEST_ID = 0x7E0;
    public static final int LAST_REQUEST_ID = 0x7E7;
    public static final int RESPONSE_OFFSET = 8;

    private static final Logger LOG = LoggerFactory.getLogger(DutSimulator.class);

    private final DatagramChannel channel;
    private final AtomicLong answered = new AtomicLong();
    private int sequence;

    private DutSimulator(DatagramChannel channel) {
        this.channel = channel;
    }

    /** The answer to one frame by the rule above, or empty. */
    public static Optional<CanFrame> answer(CanFrame request) {
        if (request.extended() || request.remote() || request.fd() || request.id() < FIRST_REQUEST_ID
                || request.id() > LAST_REQUEST_ID) {
            return Optional.empty();
        }
        return Optional.of(CanFrame.data(0, request.channel(), request.id() + RESPONSE_OFFSET, false,
                Direction.TX, request.data()));
    }

    /** Listens on {@code address} (port 0 for any) until closed. */
    public static DutSimulator start(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open().bind(address);
        DutSimulator simulator = new DutSimulator(channel);
        Thread thread = new Thread(simulator::answerLoop, "dut-simulator-" + simulator.address().getPort());
        thread.setDaemon(true);
        thread.start();
        return simulator;
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Frames answered so far. */
    public long answered() {
        return answered.get();
    }

    private void answerLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        byte[] out = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                CannelloniPacket packet = CannelloniCodec.decode(buffer.array(), 0, buffer.position(), 0, 0);
                List<CanFrame> answers = new ArrayList<>();
                packet.frames().forEach(frame -> answer(frame).ifPresent(answers::add));
                if (!answers.isEmpty()) {
                    int length = CannelloniCodec.encode(sequence, answers, 0, answers.size(), out);
                    sequence = (sequence + 1) & 0xFF;
                    channel.send(ByteBuffer.wrap(out, 0, length), sender);
                    answered.addAndGet(answers.size());
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad datagram must not end the answers to all later ones
                LOG.warn("DUT simulator ignored a datagram: {}", e.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
