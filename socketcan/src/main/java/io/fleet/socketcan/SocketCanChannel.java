package io.fleet.socketcan;

import io.fleet.model.bus.CanFrame;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/**
 * One raw SocketCAN socket on a Linux CAN interface (can0, vcan0) through JavaCAN: sends on the caller's thread,
 * receives on one {@link SocketCanReceiveLoop}. Needs a kernel with CAN support; JavaCAN's native library loads when
 * the first channel opens, and its errors carry the errno.
 *
 * <p>Local loopback stays on (the kernel's default), so other sockets on this host, a simulated ECU or DUT on vcan,
 * a candump, see what this socket sends; a socket never receives its own frames (CAN_RAW_RECV_OWN_MSGS is off).
 * (Turning loopback off instead would hide the frames from every local socket, and on vcan, which has no wire, send
 * nothing at all.)
 */
public final class SocketCanChannel implements Closeable {

    /** How long a receive blocks before it looks whether the channel was closed (a close does not wake it). */
    static final Duration RECEIVE_WAKE_UP = Duration.ofMillis(250);
    /** Linux errno: the kernel knows no PF_CAN sockets. */
    private static final int EAFNOSUPPORT = 97;

    private final String interfaceName;
    private final RawCanChannel channel;
    /** Guarded by itself: sends may come from several threads. */
    private final ByteBuffer sendBuffer = SocketCanFrames.newFrameBuffer();

    private SocketCanChannel(String interfaceName, RawCanChannel channel) {
        this.interfaceName = interfaceName;
        this.channel = channel;
    }

    /**
     * Opens a raw socket bound to {@code interfaceName}, taking CAN FD frames if {@code fd}. Whatever step fails, the
     * socket is closed before the exception leaves.
     *
     * @throws IOException naming the interface, with JavaCAN's errno detail (no CAN in the kernel, no such interface,
     *                     FD not supported) or why JavaCAN's native library did not load
     */
    public static SocketCanChannel open(String interfaceName, boolean fd) throws IOException {
        RawCanChannel channel;
        try {
            channel = CanChannels.newRawChannel();
        } catch (IOException | LinkageError | RuntimeException e) {
            throw cannotOpen(interfaceName, e);
        }
        try {
            if (fd) {
                channel.setOption(CanSocketOptions.FD_FRAMES, true);
            }
            channel.setOption(CanSocketOptions.SO_RCVTIMEO, RECEIVE_WAKE_UP);
            channel.bind(NetworkDevice.lookup(interfaceName));
            return new SocketCanChannel(interfaceName, channel);
        } catch (IOException | RuntimeException e) {
            IOException failure = cannotOpen(interfaceName, e);
            try {
                channel.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }

    private static IOException cannotOpen(String interfaceName, Throwable cause) {
        return new IOException("cannot open SocketCAN interface " + interfaceName + ": " + reason(cause), cause);
    }

    /** The two failures everyone meets first in words, with JavaCAN's errno detail. */
    private static String reason(Throwable cause) {
        if (cause instanceof LinkageError) {
            return "JavaCAN's native library did not load (" + cause + ")";
        }
        int errno = cause instanceof LinuxNativeOperationException e ? e.getErrorNumber() : 0;
        if (errno == EAFNOSUPPORT) {
            return "this kernel has no CAN support (modules can, can-raw) - " + cause.getMessage();
        }
        if (errno == LinuxNativeOperationException.ENODEV) {
            return "no such network interface - " + cause.getMessage();
        }
        return cause.getMessage();
    }

    /**
     * Sends one frame on the caller's thread, through a reused buffer.
     *
     * @throws IOException with the errno detail (an FD frame on a channel opened without FD: EINVAL; a full transmit
     *                     queue: ENOBUFS)
     */
    public void send(CanFrame frame) throws IOException {
        synchronized (sendBuffer) {
            SocketCanFrames.encode(frame, sendBuffer);
            int size = sendBuffer.remaining();
            long written = channel.writeUnsafe(sendBuffer);
            if (written != size) {
                throw new IOException(interfaceName + ": sent " + written + " of " + size + " bytes of " + frame);
            }
        }
    }

    /**
     * Starts the receive loop on a thread from {@code threads} (call once): frames go to {@code handler} on
     * {@code channelNumber}. {@link #close()} stops it.
     */
    public SocketCanReceiveLoop startReceiving(int channelNumber, ThreadFactory threads,
                                               SocketCanReceiveLoop.FrameHandler handler) {
        SocketCanReceiveLoop loop = new SocketCanReceiveLoop(interfaceName, channelNumber, channel::readUnsafe,
                channel::isOpen, handler);
        threads.newThread(loop).start();
        return loop;
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** Closes the socket; the receive loop ends within {@link #RECEIVE_WAKE_UP} without handing on more frames. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "socketcan://" + interfaceName;
    }
}
