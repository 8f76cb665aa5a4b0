package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.RecordKind;
import io.fleet.rig.replay.ReplayClock;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * Re-sends recorded Automotive Ethernet UDP payloads to a target host (unicast or multicast), to the target port or,
 * with {@code keepDestinationPort}, to the port each datagram was recorded with (SOME/IP services listen on several).
 */
public final class RawUdpOutput implements BusOutput {

    private final String name;
    private final InetSocketAddress target;
    private final boolean keepDestinationPort;
    private final int channelNumber;
    private final DatagramChannel channel;
    private byte[] scratch = new byte[2048];
    /** On a {@link #rehearsal()} only: the socket nobody reads that it sends to, closed with it. */
    private DatagramChannel rehearsalSink;

    public RawUdpOutput(String name, InetSocketAddress target, int localPort, boolean keepDestinationPort,
                        int multicastTtl, int channelNumber) throws IOException {
        this.name = name;
        this.target = target;
        this.keepDestinationPort = keepDestinationPort;
        this.channelNumber = channelNumber;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        if (target.getAddress().isMulticastAddress()) {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, multicastTtl);
        }
        channel.bind(new InetSocketAddress(localPort));
        UdpWarmUp.once();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean accepts(BusRecord record) {
        return record instanceof UdpDatagram;
    }

    @Override
    public Set<RecordKind> carries() {
        return EnumSet.of(RecordKind.UDP_DATAGRAMS);
    }

    @Override
    public void send(BusRecord record) throws IOException {
        UdpDatagram datagram = (UdpDatagram) record;
        int length = datagram.payloadLength();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        datagram.copyPayloadTo(scratch, 0);
        InetSocketAddress to = keepDestinationPort
                ? new InetSocketAddress(target.getAddress(), datagram.destinationPort()) : target;
        DatagramReceiveLoop.sendWhole(name, channel, ByteBuffer.wrap(scratch, 0, length), to);
    }

    @Override
    public BusOutput rehearsal() throws IOException {
        return RehearsalOutput.towardSink((sink, address) -> {
            RawUdpOutput standIn = new RawUdpOutput(name, address, 0, false, 1, channelNumber);
            standIn.rehearsalSink = sink;
            return standIn;
        });
    }

    @Override
    public boolean canReceive() {
        return true;
    }

    @Override
    public void startReceiving(ReceiveHandler handler, ReplayClock clock, ThreadFactory threads) throws IOException {
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        DatagramReceiveLoop.start(name, channel, (buffer, length, sender) -> {
            long receivedAt = clock.nanoTime();
            UdpDatagram datagram = new UdpDatagram(0, channelNumber, Direction.RX, sender.getAddress(),
                    sender.getPort(), receivingAddress(local, sender), local.getPort(), UdpDatagram.NO_VLAN,
                    Arrays.copyOf(buffer, length));
            handler.onReceive(name, datagram, receivedAt);
        }, threads);
    }

    /**
     * Our address as the datagram's destination. A wildcard-bound socket does not know which of its addresses the
     * sender used; the wildcard of the sender's family keeps the record writable (pcap needs one IP version).
     */
    private static InetAddress receivingAddress(InetSocketAddress local, InetSocketAddress sender)
            throws IOException {
        if (!local.getAddress().isAnyLocalAddress()) {
            return local.getAddress();
        }
        return InetAddress.getByAddress(new byte[sender.getAddress() instanceof Inet4Address ? 4 : 16]);
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public void close() throws IOException {
        try (DatagramChannel sink = rehearsalSink) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "udp://" + target.getHostString() + ":" + target.getPort();
    }
}
