package io.fleet.socketcan;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tel.schich.javacan.CanId;
import tel.schich.javacan.RawCanChannel;

/**
 * Our {@link CanFrame} as the kernel's {@code struct can_frame} / {@code struct canfd_frame} and back, for classic,
 * CAN FD, remote and extended-id frames. The id and FD flags are JavaCAN's constants ({@link CanId}, JavaCAN's
 * {@code CanFrame.FD_FLAG_*}): the device agent and the rig take SocketCAN's flag bits from here.
 *
 * <p>Frames are written into and read from direct buffers the caller reuses (no direct buffer per frame, which
 * JavaCAN's {@code read()} and {@code CanFrame.createRaw} allocate); the fields are read through JavaCAN's view.
 */
public final class SocketCanFrames {

    private SocketCanFrames() {
    }

    /** A direct buffer in native byte order that holds any frame, classic or FD, for reuse by one thread. */
    public static ByteBuffer newFrameBuffer() {
        return ByteBuffer.allocateDirect(RawCanChannel.FD_MTU).order(ByteOrder.nativeOrder());
    }

    /**
     * Writes {@code frame} into {@code buffer} as the kernel takes it (16 bytes classic, 72 FD), flipped for writing.
     * A remote frame's {@code can_dlc} is the DLC it requests; the kernel sends no data bytes for it.
     */
    public static void encode(CanFrame frame, ByteBuffer buffer) {
        int id = frame.id() | (frame.extended() ? CanId.EFF_FLAG : 0) | (frame.remote() ? CanId.RTR_FLAG : 0);
        byte flags = tel.schich.javacan.CanFrame.FD_NO_FLAGS;
        if (frame.fd()) {
            flags = (byte) (tel.schich.javacan.CanFrame.FD_FLAG_FD_FRAME
                    | (frame.bitRateSwitch() ? tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH : 0)
                    | (frame.errorState() ? tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR : 0));
        }
        int size = frame.fd() ? RawCanChannel.FD_MTU : RawCanChannel.MTU;
        buffer.clear();
        buffer.putInt(id);
        buffer.put((byte) (frame.remote() ? frame.remoteDlc() : frame.dataLength()));
        buffer.put(flags);
        buffer.putShort((short) 0); // __res0, __res1 / len8_dlc: unused
        for (int i = 0; i < frame.dataLength(); i++) {
            buffer.put((byte) frame.byteAt(i));
        }
        while (buffer.position() < size) { // the buffer is reused: no bytes of an earlier, longer frame go out
            buffer.put((byte) 0);
        }
        buffer.flip();
    }

    /**
     * The frame in {@code buffer[position, limit)} as the kernel delivered it (16 bytes classic, 72 FD), as ours on
     * {@code channel}, direction RX, timestamp 0 (the caller stamps it with its clock). FD-ness follows from the size,
     * as in the kernel: an FD frame of up to 8 bytes without BRS carries no other mark on kernels before the FDF flag.
     *
     * @throws IllegalArgumentException for an error frame (the sockets here ask for none), a size that is no frame,
     *                                  or a frame our model rejects (an FD length that does not exist)
     */
    public static CanFrame decode(ByteBuffer buffer, int channel) {
        boolean fd = buffer.remaining() == RawCanChannel.FD_MTU;
        tel.schich.javacan.CanFrame received = tel.schich.javacan.CanFrame.create(buffer);
        if (received.isError()) {
            throw new IllegalArgumentException("error frame (class 0x" + Integer.toHexString(received.getError())
                    + "), not a bus frame");
        }
        boolean extended = received.isExtended();
        int id = received.getId() & (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
        if (received.isRemoteTransmissionRequest() && !fd) {
            return CanFrame.remote(0, channel, id, extended, received.getDataLength(), Direction.RX);
        }
        byte[] data = new byte[received.getDataLength()];
        received.getData(data, 0, data.length);
        if (!fd) {
            return CanFrame.classic(0, channel, id, extended, data);
        }
        int flags = received.getFlags();
        return CanFrame.fd(0, channel, id, extended,
                (flags & tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH) != 0,
                (flags & tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR) != 0, data);
    }
}
