package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.model.log.RecordKind;
import io.fleet.rig.replay.ReplayClock;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;

/**
 * A Linux SocketCAN interface (can0, vcan0) through JavaCAN's raw channel. Needs a kernel with CAN support; the
 * native library is loaded only when such an output is opened. Errors carry JavaCAN's errno detail.
 */
public final class SocketCanOutput implements BusOutput {

    private final String name;
    private final String interfaceName;
    private final int channelNumber;
    /**
     * One raw socket sends and receives. Local loopback stays on (the kernel's default), so other sockets on this
     * host, a simulated DUT on vcan or a candump, see what the rig sends; a socket never receives its own frames
     * (CAN_RAW_RECV_OWN_MSGS is off), so the capture gets only the other nodes' frames. (Turning loopback off
     * instead would hide the stimuli from every local socket, and on vcan, which has no wire, send nothing at all.)
     */
    private final RawCanChannel channel;

    public SocketCanOutput(String name, String interfaceName, boolean fd, int channelNumber) throws IOException {
        this.name = name;
        this.interfaceName = interfaceName;
        this.channelNumber = channelNumber;
        this.channel = open(interfaceName, fd);
    }

    private static RawCanChannel open(String interfaceName, boolean fd) throws IOException {
        RawCanChannel channel = CanChannels.newRawChannel();
        if (fd) {
            channel.setOption(CanSocketOptions.FD_FRAMES, true);
        }
        channel.bind(NetworkDevice.lookup(interfaceName));
        return channel;
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
        channel.write(toJavaCan((CanFrame) record));
    }

    static tel.schich.javacan.CanFrame toJavaCan(CanFrame frame) {
        int id = frame.id() | (frame.extended() ? CannelloniCodec.EFF_FLAG : 0)
                | (frame.remote() ? CannelloniCodec.RTR_FLAG : 0);
        byte flags = frame.fd() ? (byte) (tel.schich.javacan.CanFrame.FD_FLAG_FD_FRAME
                | (frame.bitRateSwitch() ? tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH : 0)
                | (frame.errorState() ? tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR : 0))
                : tel.schich.javacan.CanFrame.FD_NO_FLAGS;
        // can_dlc of a remote frame is the DLC it requests; the kernel sends no data bytes for it
        byte[] data = frame.remote() ? new byte[frame.remoteDlc()] : frame.data();
        return tel.schich.javacan.CanFrame.createRaw(id, flags, data, 0, data.length);
    }

    static CanFrame fromJavaCan(tel.schich.javacan.CanFrame frame, int channel) {
        int id = frame.getId() & (frame.isExtended() ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
        if (frame.isRemoteTransmissionRequest()) {
            return CanFrame.remote(0, channel, id, frame.isExtended(), frame.getDataLength(), Direction.RX);
        }
        byte[] data = new byte[frame.getDataLength()];
        frame.getData(data, 0, data.length);
        boolean fd = frame.isFDFrame();
        byte flags = frame.getFlags();
        return new CanFrame(0, channel, id, frame.isExtended(), false, fd,
                fd && (flags & tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH) != 0,
                fd && (flags & tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR) != 0, Direction.RX, data);
    }

    @Override
    public boolean canReceive() {
        return true;
    }

    /** Reads the output's socket on its own thread: the frames of the other nodes (the DUT), never our own. */
    @Override
    public void startReceiving(ReceiveHandler handler, ReplayClock clock, ThreadFactory threads) {
        Thread thread = threads.newThread(() -> {
            while (channel.isOpen()) {
                try {
                    tel.schich.javacan.CanFrame frame = channel.read();
                    handler.onReceive(name, fromJavaCan(frame, channelNumber), clock.nanoTime());
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setName("receive-" + name);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "socketcan://" + interfaceName;
    }
}
