package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.RecordKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Set;

/**
 * Stand-ins for the warm-up before a replay ({@link BusOutput#rehearsal()}). UDP outputs rehearse as an output of
 * their own class (so the JIT's type profiles of the send path are the real run's) toward a loopback socket that
 * nobody reads ({@link #towardSink}); outputs that cannot be aimed elsewhere (SocketCAN, loopback) with this class,
 * which discards.
 */
public final class RehearsalOutput implements BusOutput {

    /** Makes an output of the rehearsed class toward {@code sink}'s address; the output closes the sink. */
    @FunctionalInterface
    interface TowardSink {
        BusOutput open(DatagramChannel sink, InetSocketAddress sinkAddress) throws IOException;
    }

    private final BusOutput rehearsed;

    private RehearsalOutput(BusOutput rehearsed) {
        this.rehearsed = rehearsed;
    }

    /** A stand-in that accepts what {@code output} accepts and sends nothing. */
    static BusOutput discarding(BusOutput output) {
        return new RehearsalOutput(output);
    }

    /**
     * An output made by {@code opener} toward a fresh loopback socket that is never read: the kernel drops what does
     * not fit its buffer, and the sender never notices.
     */
    static BusOutput towardSink(TowardSink opener) throws IOException {
        DatagramChannel sink = DatagramChannel.open();
        try {
            sink.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 16);
            sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return opener.open(sink, (InetSocketAddress) sink.getLocalAddress());
        } catch (IOException | RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return rehearsed.name();
    }

    @Override
    public boolean accepts(BusRecord record) {
        return rehearsed.accepts(record);
    }

    @Override
    public Set<RecordKind> carries() {
        return rehearsed.carries();
    }

    @Override
    public void send(BusRecord record) {
        // discarded: this output's records cannot go anywhere but the device under test
    }

    @Override
    public void sendBatch(List<BusRecord> records) {
        // discarded, as in send
    }

    @Override
    public void close() {
        // nothing opened
    }
}
