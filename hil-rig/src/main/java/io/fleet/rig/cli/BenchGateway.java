package io.fleet.rig.cli;

import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.model.can.cannelloni.CannelloniFormatException;
import io.fleet.rig.replay.ReplayTimeline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * The receiving end of one bus of the benchmark: a loopback UDP socket playing a CAN/Ethernet gateway. A receiver
 * thread ({@link BenchReceivers}) decodes each cannelloni datagram in place and notes, per frame, the receive time and
 * the frame index carried in the payload; lateness against the deadlines is computed after the run, keeping the
 * receive loop short.
 */
final class BenchGateway implements AutoCloseable {

    private final DatagramChannel channel;
    private final long[] receivedAt;
    private final long[] indexes;
    private final ByteBuffer buffer = ByteBuffer.allocate(65_536);
    private int count;
    private volatile int received;

    /** @param capacity most frames to note; later ones are counted but not timed */
    BenchGateway(int capacity) throws IOException {
        this.receivedAt = new long[capacity];
        this.indexes = new long[capacity];
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    DatagramChannel channel() {
        return channel;
    }

    /**
     * Receives one datagram (blocking or not, as the channel is configured) and notes its frames; false when a
     * non-blocking channel had none. Called on one receiver thread only.
     *
     * @throws java.nio.channels.ClosedChannelException once the gateway is closed
     */
    boolean receiveOne() throws IOException {
        buffer.clear();
        if (channel.receive(buffer) == null) {
            return false;
        }
        long now = System.nanoTime();
        count = noteFrames(buffer, buffer.position(), now, count);
        received = count;
        return true;
    }

    /**
     * Walks the datagram's classic frames in place and notes each one's index (the first 8 payload bytes), without
     * allocating: garbage made here would trigger collections that disturb the sender being measured.
     */
    private int noteFrames(ByteBuffer datagram, int length, long now, int count) throws IOException {
        if (length < CannelloniCodec.HEADER_SIZE || datagram.get(0) != CannelloniCodec.VERSION) {
            throw new CannelloniFormatException(0, "not a cannelloni v2 datagram");
        }
        int frames = datagram.getShort(3) & 0xFFFF;
        int position = CannelloniCodec.HEADER_SIZE;
        for (int i = 0; i < frames; i++) {
            int dataLength = datagram.get(position + 4) & 0x7F;
            boolean fd = (datagram.get(position + 4) & CannelloniCodec.FD_LENGTH_FLAG) != 0;
            int data = position + 5 + (fd ? 1 : 0);
            if (count < receivedAt.length && dataLength >= 8) {
                receivedAt[count] = now;
                indexes[count] = datagram.getLong(data);
            }
            count++;
            position = data + dataLength;
        }
        return count;
    }

    long received() {
        return received;
    }

    /** Waits up to {@code millis} for {@code expected} frames, then closes the socket. */
    void drainAndClose(long expected, long millis) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (received < expected && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        close();
    }

    /** Receive time minus deadline of every noted frame; call after {@link #drainAndClose}. */
    Histogram lateness(ReplayTimeline timeline, LongUnaryOperator offsetOfIndex) {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        int n = Math.min(received, receivedAt.length);
        for (int i = 0; i < n; i++) {
            long late = receivedAt[i] - timeline.deadline(offsetOfIndex.applyAsLong(indexes[i]));
            histogram.recordValue(Math.min(Math.max(0, late), histogram.getHighestTrackableValue()));
        }
        return histogram;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
