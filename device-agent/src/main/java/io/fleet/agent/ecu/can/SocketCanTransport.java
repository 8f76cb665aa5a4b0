package io.fleet.agent.ecu.can;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;

/**
 * A Linux SocketCAN interface (can0, vcan0) through JavaCAN's raw channel, classic and FD frames. Needs a kernel
 * with CAN support; JavaCAN's native library loads when the transport opens, and its errors carry the errno.
 *
 * <p>Threads: {@link #send} on the caller's thread; one receive thread from the given factory blocks in
 * {@link RawCanChannel#read()}. One socket does both: the kernel does not hand a socket its own frames back.
 */
public final class SocketCanTransport implements CanTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SocketCanTransport.class);

    private final String interfaceName;
    private final RawCanChannel channel;
    private final ThreadFactory threads;

    private SocketCanTransport(String interfaceName, RawCanChannel channel, ThreadFactory threads) {
        this.interfaceName = interfaceName;
        this.channel = channel;
        this.threads = threads;
    }

    /** Opens a raw socket with CAN FD frames enabled on {@code interfaceName}. */
    public static SocketCanTransport open(String interfaceName, ThreadFactory threads) throws IOException {
        RawCanChannel channel = null;
        try {
            channel = CanChannels.newRawChannel();
            channel.setOption(CanSocketOptions.FD_FRAMES, true);
            channel.bind(NetworkDevice.lookup(interfaceName));
        } catch (IOException e) {
            if (channel != null) {
                channel.close();
            }
            throw new IOException("cannot open SocketCAN interface " + interfaceName + ": " + e.getMessage(), e);
        }
        return new SocketCanTransport(interfaceName, channel, threads);
    }

    @Override
    public void send(CanFrame frame) throws IOException {
        channel.write(toJavaCan(frame));
    }

    @Override
    public void startReceiving(Consumer<CanFrame> receiver) {
        threads.newThread(() -> {
            while (channel.isOpen()) {
                try {
                    receiver.accept(fromJavaCan(channel.read()));
                } catch (IOException e) {
                    if (channel.isOpen()) {
                        LOG.warn("{}: receive failed, stopping: {}", interfaceName, e.getMessage());
                    }
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("{}: ignored a received frame: {}", interfaceName, e.toString());
                }
            }
        }).start();
    }

    /** Our frame as JavaCAN's: the SocketCAN id with EFF/RTR flags, and FD flags on FD frames. */
    static tel.schich.javacan.CanFrame toJavaCan(CanFrame frame) {
        int id = frame.id() | (frame.extended() ? tel.schich.javacan.CanId.EFF_FLAG : 0)
                | (frame.remote() ? tel.schich.javacan.CanId.RTR_FLAG : 0);
        byte flags = tel.schich.javacan.CanFrame.FD_NO_FLAGS;
        if (frame.fd()) {
            flags = (byte) (tel.schich.javacan.CanFrame.FD_FLAG_FD_FRAME
                    | (frame.bitRateSwitch() ? tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH : 0)
                    | (frame.errorState() ? tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR : 0));
        }
        // can_dlc of a remote frame is the DLC it requests; the kernel sends no data bytes for it
        byte[] data = frame.remote() ? new byte[frame.remoteDlc()] : frame.data();
        return tel.schich.javacan.CanFrame.createRaw(id, flags, data, 0, data.length);
    }

    /** JavaCAN's frame as ours, with timestamp 0: the adapter needs no receive time. */
    static CanFrame fromJavaCan(tel.schich.javacan.CanFrame received) {
        int id = received.getId() & (received.isExtended() ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
        if (received.isRemoteTransmissionRequest()) {
            return CanFrame.remote(0, 0, id, received.isExtended(), received.getDataLength(), Direction.RX);
        }
        byte[] data = new byte[received.getDataLength()];
        received.getData(data, 0, data.length);
        boolean fd = received.isFDFrame();
        int flags = received.getFlags();
        return new CanFrame(0, 0, id, received.isExtended(), false, fd,
                fd && (flags & tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH) != 0,
                fd && (flags & tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR) != 0, Direction.RX, data);
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
