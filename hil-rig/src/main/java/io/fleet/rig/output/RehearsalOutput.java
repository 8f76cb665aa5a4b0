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
 * An output's stand-in for the warm-up before a replay ({@link BusOutput#rehearsal()}): the same kind of output
 * running the same encode and send code, but toward a loopback socket that nobody reads, so the JIT compiles the
 * real send path while nothing reaches the device under test. Outputs that cannot be aimed elsewhere (SocketCAN,
 * loopback) rehearse with a stand-in that discards.
 */
public final class RehearsalOutput implements BusOutput {

    /** Makes an output of the rehearsed kind toward the given sink address. */
    @FunctionalInterface
    interface TowardSink {
        BusOutput open(InetSocketAddress sink) throws IOException;
    }

    private final BusOutput rehearsed;
    private final BusOutput inner;
    private final DatagramChannel sink;

    private RehearsalOutput(BusOutput rehearsed, BusOutput inner, DatagramChannel sink) {
        this.rehearsed = rehearsed;
        this.inner = inner;
        this.sink = sink;
    }

    /** A stand-in that accepts what {@code output} accepts and sends nothing. */
    static BusOutput discarding(BusOutput output) {
        return new RehearsalOutput(output, null, null);
    }

    /**
     * A stand-in made by {@code opener} toward a fresh loopback socket that is never read (the kernel drops what
     * does not fit its buffer; the sender never notices).
     */
    static BusOutput towardSink(BusOutput output, TowardSink opener) throws IOException {
        DatagramChannel sink = DatagramChannel.open();
        try {
            sink.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 16);
            sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new RehearsalOutput(output, opener.open((InetSocketAddress) sink.getLocalAddress()), sink);
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
    public void send(BusRecord record) throws IOException {
        if (inner != null) {
            inner.send(record);
        }
    }

    @Override
    public void sendBatch(List<BusRecord> records) throws IOException {
        if (inner != null) {
            inner.sendBatch(records);
        }
    }

    @Override
    public void close() throws IOException {
        try (DatagramChannel closedLast = sink) {
            if (inner != null) {
                inner.close();
            }
        }
    }
}
