package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.RecordKind;
import io.fleet.rig.replay.ReplayClock;
import java.io.Closeable;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * One place a rig sends records to: a CAN/Ethernet gateway, a UDP target, a SocketCAN interface, memory.
 *
 * <p>{@link #send} and {@link #sendBatch} are called only by the output's own replay sender thread;
 * receiving runs on a thread the output makes with the factory handed to {@link #startReceiving}.
 */
public interface BusOutput extends Closeable {

    /** Name used by {@code --map CHANNEL=NAME} and in reports. */
    String name();

    /** Whether this output can carry the record (CAN outputs take CAN frames, UDP outputs datagrams). */
    boolean accepts(BusRecord record);

    /** The kinds of record the output carries, sent and received; one that does not say carries every kind. */
    default Set<RecordKind> carries() {
        return EnumSet.allOf(RecordKind.class);
    }

    /** Sends one record now. Throws with the OS detail when it could not be sent; the caller counts a drop. */
    void send(BusRecord record) throws IOException;

    /**
     * Sends records that are due together. Outputs that can pack several records into one datagram override it;
     * the default sends them one by one.
     */
    default void sendBatch(List<BusRecord> records) throws IOException {
        for (int i = 0; i < records.size(); i++) { // indexed: no iterator garbage on the send path
            send(records.get(i));
        }
    }

    /**
     * A stand-in for the warm-up before the replay's timeline starts: runs this output's own encode and send code
     * where nothing reaches the device under test (or, where that is impossible, discards). The caller closes it.
     */
    default BusOutput rehearsal() throws IOException {
        return RehearsalOutput.discarding(this);
    }

    /** Whether {@link #startReceiving} is supported (capture of the DUT's answers). */
    default boolean canReceive() {
        return false;
    }

    /**
     * Starts a receiver thread that hands every record arriving on this output to {@code handler}, stamped with
     * {@code clock}. Stopped by {@link #close()}.
     */
    default void startReceiving(ReceiveHandler handler, ReplayClock clock, ThreadFactory threads) throws IOException {
        throw new UnsupportedOperationException(name() + " cannot receive");
    }

    /** Receives records arriving on an output; called on that output's receiver thread. */
    @FunctionalInterface
    interface ReceiveHandler {
        void onReceive(String outputName, BusRecord record, long receivedAtNanos);
    }
}
