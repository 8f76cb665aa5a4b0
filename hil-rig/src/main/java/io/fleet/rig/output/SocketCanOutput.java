package io.fleet.rig.output;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.rig.replay.ReplayClock;
import java.io.IOException;
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
    private final RawCanChannel sendChannel;
    private RawCanChannel receiveChannel;

    public SocketCanOutput(String name, String interfaceName, boolean fd, int channelNumber) throws IOException {
        this.name = name;
        this.interfaceName = interfaceName;
        this.channelNumber = channelNumber;
        this.sendChannel = open(interfaceName, fd);
        // Local loopback would hand our own stimuli to the capture socket as if the DUT had sent them.
        sendChannel.setOption(CanSocketOptions.LOOPBACK, false);
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
    public void send(BusRecord record) throws IOException {
        sendChannel.write(toJavaCan((CanFrame) record));
    }

    static tel.schich.javacan.CanFrame toJavaCan(CanFrame frame) {
        int id = frame.id() | (frame.extended() ? CannelloniCodec.EFF_FLAG : 0)
                | (frame.remote() ? CannelloniCodec.RTR_FLAG : 0);
        byte flags = frame.fd() ? (byte) (tel.schich.javacan.CanFrame.FD_FLAG_FD_FRAME
                | (frame.bitRateSwitch() ? tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH : 0)
                | (frame.errorState() ? tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR : 0))
                : tel.schich.javacan.CanFrame.FD_NO_FLAGS;
        byte[] data = frame.data();
        return tel.schich.javacan.CanFrame.createRaw(id, flags, data, 0, data.length);
    }

    static CanFrame fromJavaCan(tel.schich.javacan.CanFrame frame, int channel) {
        byte[] data = new byte[frame.getDataLength()];
        frame.getData(data, 0, data.length);
        boolean fd = frame.isFDFrame();
        byte flags = frame.getFlags();
        int id = frame.getId() & (frame.isExtended() ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
        return new CanFrame(0, channel, id, frame.isExtended(), frame.isRemoteTransmissionRequest(), fd,
                fd && (flags & tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH) != 0,
                fd && (flags & tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR) != 0, Direction.RX, data);
    }

    @Override
    public boolean canReceive() {
        return true;
    }

    /**
     * A second raw socket on the same interface receives; the send socket has local loopback off, so only the
     * frames of other nodes (the DUT) arrive.
     */
    @Override
    public void startReceiving(ReceiveHandler handler, ReplayClock clock, ThreadFactory threads) throws IOException {
        receiveChannel = open(interfaceName, true);
        RawCanChannel channel = receiveChannel;
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
        sendChannel.close();
        if (receiveChannel != null) {
            receiveChannel.close();
        }
    }

    @Override
    public String toString() {
        return "socketcan://" + interfaceName;
    }
}
