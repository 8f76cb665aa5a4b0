package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.model.can.cannelloni.CannelloniPacket;
import io.fleet.model.log.RecordKind;
import io.fleet.rig.replay.ReplayClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * CAN over UDP toward a CAN/Ethernet gateway (or a cannelloni instance) in the cannelloni v2 wire format.
 * Frames due together go into one datagram, up to {@code framesPerDatagram} and the datagram size limit.
 * The gateway's answers arrive on the same socket and are decoded on the receiver thread.
 */
public final class CannelloniUdpOutput implements BusOutput {

    private final String name;
    private final InetSocketAddress target;
    private final int framesPerDatagram;
    private final int channelNumber;
    private final DatagramChannel channel;
    private final byte[] packet = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
    /** Direct, so the JDK sends from it without copying into a temporary native buffer; reused, no garbage. */
    private final ByteBuffer wire = ByteBuffer.allocateDirect(CannelloniCodec.MAX_DATAGRAM_SIZE);
    private final List<CanFrame> pending = new ArrayList<>();
    private int sequence;
    private DatagramReceiveLoop receiver;
    /** On a {@link #rehearsal()} only: the socket nobody reads that it sends to, closed with it. */
    private DatagramChannel rehearsalSink;

    /**
     * @param localPort      0 for any; cannelloni peers usually expect a fixed port they answer to
     * @param channelNumber  channel recorded on captured frames
     */
    public CannelloniUdpOutput(String name, InetSocketAddress target, int localPort, int framesPerDatagram,
                               int channelNumber) throws IOException {
        if (framesPerDatagram < 1) {
            throw new IllegalArgumentException("batch must be >= 1 (was " + framesPerDatagram + ")");
        }
        this.name = name;
        this.target = target;
        this.framesPerDatagram = framesPerDatagram;
        this.channelNumber = channelNumber;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        channel.bind(new InetSocketAddress(target.getAddress().isLoopbackAddress()
                ? target.getAddress() : null, localPort));
        UdpWarmUp.once();
    }

    @Override
    public String name() {
        return name;
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public boolean accepts(BusRecord record) {
        return record instanceof CanFrame;
    }

    @Override
    public Set<RecordKind> carries() {
        return EnumSet.of(RecordKind.CAN_FRAMES);
    }

    @Override
    public void send(BusRecord record) throws IOException {
        pending.clear();
        pending.add((CanFrame) record);
        flush(0, 1);
    }

    @Override
    public void sendBatch(List<BusRecord> records) throws IOException {
        pending.clear();
        for (int i = 0; i < records.size(); i++) { // indexed: no iterator garbage on the send path
            pending.add((CanFrame) records.get(i));
        }
        int from = 0;
        while (from < pending.size()) {
            int to = from;
            int size = CannelloniCodec.HEADER_SIZE;
            while (to < pending.size() && to - from < framesPerDatagram
                    && size + CannelloniCodec.encodedSize(pending.get(to)) <= packet.length) {
                size += CannelloniCodec.encodedSize(pending.get(to));
                to++;
            }
            flush(from, to);
            from = to;
        }
    }

    private void flush(int from, int to) throws IOException {
        int length = CannelloniCodec.encode(sequence, pending, from, to, packet);
        sequence = (sequence + 1) & 0xFF;
        wire.clear();
        wire.put(packet, 0, length).flip();
        DatagramReceiveLoop.sendWhole(name, channel, wire, target);
    }

    @Override
    public BusOutput rehearsal() throws IOException {
        return RehearsalOutput.towardSink((sink, address) -> {
            CannelloniUdpOutput standIn = new CannelloniUdpOutput(name, address, 0, framesPerDatagram, channelNumber);
            standIn.rehearsalSink = sink;
            return standIn;
        });
    }

    @Override
    public boolean canReceive() {
        return true;
    }

    @Override
    public void startReceiving(ReceiveHandler handler, ReplayClock clock, ThreadFactory threads) {
        receiver = DatagramReceiveLoop.start(name, channel, (buffer, length, sender) -> {
            long receivedAt = clock.nanoTime();
            CannelloniPacket decoded = CannelloniCodec.decode(buffer, 0, length, 0, channelNumber);
            for (CanFrame frame : decoded.frames()) {
                handler.onReceive(name, frame, receivedAt);
            }
        }, threads);
    }

    /** Received datagrams that were not valid cannelloni. */
    public long malformedReceived() {
        return receiver == null ? 0 : receiver.malformed();
    }

    @Override
    public void close() throws IOException {
        try (DatagramChannel sink = rehearsalSink) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "cannelloni://" + target.getHostString() + ":" + target.getPort();
    }
}
