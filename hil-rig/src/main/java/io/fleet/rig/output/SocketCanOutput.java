package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.RecordKind;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.socketcan.SocketCanChannel;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * A Linux SocketCAN interface (can0, vcan0) through the socketcan module's {@link SocketCanChannel}: conversion,
 * opening and the receive loop's error policy live there. One raw socket sends and receives; other sockets on this
 * host (a simulated DUT on vcan, a candump) see the stimuli, and the capture gets only the other nodes' frames.
 */
public final class SocketCanOutput implements BusOutput {

    private final String name;
    private final int channelNumber;
    private final SocketCanChannel channel;

    public SocketCanOutput(String name, String interfaceName, boolean fd, int channelNumber) throws IOException {
        this.name = name;
        this.channelNumber = channelNumber;
        this.channel = SocketCanChannel.open(interfaceName, fd);
    }

    @Override
    public String name() {
        return name;
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
        channel.send((CanFrame) record);
    }

    @Override
    public boolean canReceive() {
        return true;
    }

    /** Reads the output's socket on its own thread: the frames of the other nodes (the DUT), never our own. */
    @Override
    public void startReceiving(ReceiveHandler handler, ReplayClock clock, ThreadFactory threads) {
        channel.startReceiving(channelNumber, task -> {
            Thread thread = threads.newThread(task);
            thread.setName("receive-" + name);
            return thread;
        }, frame -> handler.onReceive(name, frame, clock.nanoTime()));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
