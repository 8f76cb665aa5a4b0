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

    /** {@code struct can_frame.len8_dlc}: after can_id (4), len, __pad and __res0. */
    private static final int LEN8_DLC_OFFSET = 7;

    private SocketCanFrames() {
    }

    /** A direct buffer in native byte order that holds any frame, classic or FD, for reuse by one thread. */
    public static ByteBuffer newFrameBuffer() {
        return ByteBuffer.allocateDirect(RawCanChannel.FD_MTU).order(ByteOrder.nativeOrder());
    }

    /**
     * Writes {@code frame} into {@code buffer} as the kernel takes it (16 bytes classic, 72 FD), flipped for writing.
     * A remote frame's {@code can_dlc} is the DLC it requests; the kernel sends no data bytes for it. A classic
     * frame's raw DLC 9-15 ({@link CanFrame#len8Dlc}) goes into {@code len8_dlc}; an interface sends it only with
     * {@code ip link set canX type can cc-len8-dlc on}, else the kernel sends DLC 8.
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
        buffer.put((byte) 0); // __res0
        buffer.put((byte) frame.len8Dlc()); // len8_dlc (__res1 of canfd_frame: 0 on FD frames)
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
        int len8Dlc = fd ? 0 : buffer.get(buffer.position() + LEN8_DLC_OFFSET) & 0xFF;
        tel.schich.javacan.CanFrame received = tel.schich.javacan.CanFrame.create(buffer);
        if (received.isError()) {
            throw new IllegalArgumentException("error frame (class 0x" + Integer.toHexString(received.getError())
                    + "), not a bus frame");
        }
        boolean extended = received.isExtended();
        int id = received.getId() & (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
        boolean rawDlc = received.getDataLength() == 8 && len8Dlc > 8 && len8Dlc <= CanFrame.MAX_RAW_DLC;
        if (received.isRemoteTransmissionRequest() && !fd) {
            return CanFrame.remote(0, channel, id, extended, rawDlc ? len8Dlc : received.getDataLength(),
                    Direction.RX);
        }
        byte[] data = new byte[received.getDataLength()];
        received.getData(data, 0, data.length);
        if (!fd) {
            CanFrame frame = CanFrame.classic(0, channel, id, extended, data);
            return rawDlc ? frame.withDlc(len8Dlc) : frame;
        }
        int flags = received.getFlags();
        return CanFrame.fd(0, channel, id, extended,
                (flags & tel.schich.javacan.CanFrame.FD_FLAG_BIT_RATE_SWITCH) != 0,
                (flags & tel.schich.javacan.CanFrame.FD_FLAG_ERROR_STATE_INDICATOR) != 0, data);
    }
}
