package io.fleet.model.can.cannelloni;

import io.fleet.model.Checks;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * The cannelloni UDP/SCTP wire format, version 2 (github.com/mguentner/cannelloni, doc/udp_format.md), as spoken by
 * cannelloni itself and by CAN/Ethernet gateways that implement it. Everything is big-endian.
 *
 * <pre>
 * header : version u8 (=2) | op_code u8 (DATA=0) | seq_no u8 | count u16
 * frame  : can_id u32 (SocketCAN id with EFF/RTR/ERR flag bits) | len u8 | [flags u8, FD only] | data
 * </pre>
 * {@code len} is the payload length in bytes; its 0x80 bit marks a CAN FD frame, which is followed by the SocketCAN
 * {@code canfd_frame.flags} byte (BRS 0x01, ESI 0x02). Remote frames carry a length but no data bytes. There is no
 * place for SocketCAN's {@code len8_dlc}: a classic frame with a raw DLC 9-15 is refused, not sent as DLC 8.
 *
 * <p>Written here because no maintained Java implementation exists; pure code without I/O so the gateway output,
 * tests and any future receiver share it. Allocation-free on the encode path.
 */
public final class CannelloniCodec {

    public static final int VERSION = 2;
    public static final int OP_DATA = 0;
    public static final int HEADER_SIZE = 5;
    public static final int FD_LENGTH_FLAG = 0x80;
    public static final int EFF_FLAG = 0x8000_0000;
    public static final int RTR_FLAG = 0x4000_0000;
    public static final int ERR_FLAG = 0x2000_0000;
    public static final int FD_BRS = 0x01;
    public static final int FD_ESI = 0x02;
    /** Largest datagram cannelloni itself sends; a receiver buffer of this size always suffices for our packets. */
    public static final int MAX_DATAGRAM_SIZE = 1472;

    private CannelloniCodec() {
    }

    /** Bytes one frame takes on the wire. */
    public static int encodedSize(CanFrame frame) {
        return 5 + (frame.fd() ? 1 : 0) + (frame.remote() ? 0 : frame.dataLength());
    }

    /**
     * Writes a DATA datagram holding {@code frames[from, to)} into {@code out} starting at 0.
     *
     * @return the datagram length
     * @throws IllegalArgumentException when the frames do not fit into {@code out} or exceed 65535 frames
     */
    public static int encode(int sequenceNumber, List<CanFrame> frames, int from, int to, byte[] out) {
        Checks.check(to - from >= 0 && to - from <= 0xFFFF, "frame count", "must be in [0, 65535]", to - from);
        int size = HEADER_SIZE;
        for (int i = from; i < to; i++) {
            size += encodedSize(frames.get(i));
        }
        if (size > out.length) { // not Checks.check: its message would be concatenated on every call
            Checks.check(false, "datagram size", "exceeds the buffer of " + out.length + " bytes", size);
        }
        out[0] = (byte) VERSION;
        out[1] = (byte) OP_DATA;
        out[2] = (byte) sequenceNumber;
        out[3] = (byte) ((to - from) >>> 8);
        out[4] = (byte) (to - from);
        int offset = HEADER_SIZE;
        for (int i = from; i < to; i++) {
            offset = encodeFrame(frames.get(i), out, offset);
        }
        return offset;
    }

    /**
     * Writes one frame at {@code offset}; returns the offset after it.
     *
     * @throws IllegalArgumentException for a classic frame with a raw DLC 9-15 ({@link CanFrame#len8Dlc}): the wire
     *                                  has a length byte only, so the frame would arrive with DLC 8, not as recorded
     */
    public static int encodeFrame(CanFrame frame, byte[] out, int offset) {
        if (frame.len8Dlc() != 0) {
            throw new IllegalArgumentException("cannelloni cannot carry the raw DLC " + frame.len8Dlc() + " of frame 0x"
                    + Integer.toHexString(frame.id()) + " (its wire format has the length 8 only, no len8_dlc); "
                    + "send it over SocketCAN or convert the log to keep it");
        }
        int canId = frame.id() | (frame.extended() ? EFF_FLAG : 0) | (frame.remote() ? RTR_FLAG : 0);
        out[offset] = (byte) (canId >>> 24);
        out[offset + 1] = (byte) (canId >>> 16);
        out[offset + 2] = (byte) (canId >>> 8);
        out[offset + 3] = (byte) canId;
        // as SocketCAN's can_dlc, which cannelloni copies: a remote frame's length field is the DLC it requests
        out[offset + 4] = (byte) ((frame.remote() ? frame.remoteDlc() : frame.dataLength())
                | (frame.fd() ? FD_LENGTH_FLAG : 0));
        int position = offset + 5;
        if (frame.fd()) {
            out[position++] = (byte) ((frame.bitRateSwitch() ? FD_BRS : 0) | (frame.errorState() ? FD_ESI : 0));
        }
        if (!frame.remote()) {
            frame.copyDataTo(out, position);
            position += frame.dataLength();
        }
        return position;
    }

    /**
     * Decodes a DATA datagram. Frames get {@code timestampNanos} and {@code channel}, direction RX.
     * A remote frame carries no data bytes; its length field is the DLC it requests ({@link CanFrame#remoteDlc}).
     */
    public static CannelloniPacket decode(byte[] buffer, int offset, int length, long timestampNanos, int channel)
            throws CannelloniFormatException {
        int end = offset + length;
        if (length < HEADER_SIZE) {
            throw new CannelloniFormatException(0, "shorter than the 5-byte header (" + length + " bytes)");
        }
        if ((buffer[offset] & 0xFF) != VERSION) {
            throw new CannelloniFormatException(0, "version " + (buffer[offset] & 0xFF) + ", expected " + VERSION);
        }
        if ((buffer[offset + 1] & 0xFF) != OP_DATA) {
            throw new CannelloniFormatException(1, "op code " + (buffer[offset + 1] & 0xFF) + ", expected DATA (0)");
        }
        int sequence = buffer[offset + 2] & 0xFF;
        int count = ((buffer[offset + 3] & 0xFF) << 8) | (buffer[offset + 4] & 0xFF);
        List<CanFrame> frames = new ArrayList<>(count);
        int errorFrames = 0;
        int position = offset + HEADER_SIZE;
        for (int i = 0; i < count; i++) {
            if (position + 5 > end) {
                throw new CannelloniFormatException(position - offset, "frame " + i + " of " + count
                        + " is cut off in its header");
            }
            int canId = ((buffer[position] & 0xFF) << 24) | ((buffer[position + 1] & 0xFF) << 16)
                    | ((buffer[position + 2] & 0xFF) << 8) | (buffer[position + 3] & 0xFF);
            int lengthByte = buffer[position + 4] & 0xFF;
            position += 5;
            boolean fd = (lengthByte & FD_LENGTH_FLAG) != 0;
            int dataLength = lengthByte & ~FD_LENGTH_FLAG;
            int flags = 0;
            if (fd) {
                if (position >= end) {
                    throw new CannelloniFormatException(position - offset, "frame " + i + " lacks its FD flags");
                }
                flags = buffer[position++] & 0xFF;
            }
            boolean remote = (canId & RTR_FLAG) != 0;
            if (!remote && position + dataLength > end) {
                throw new CannelloniFormatException(position - offset, "frame " + i + " announces " + dataLength
                        + " data bytes but only " + (end - position) + " remain");
            }
            if ((canId & ERR_FLAG) != 0) {
                errorFrames++;
                position += remote ? 0 : dataLength;
                continue;
            }
            frames.add(toFrame(canId, fd, flags, remote, dataLength, buffer, position, position - offset,
                    timestampNanos, channel));
            position += remote ? 0 : dataLength;
        }
        return new CannelloniPacket(sequence, frames, errorFrames);
    }

    private static CanFrame toFrame(int canId, boolean fd, int flags, boolean remote, int dataLength, byte[] buffer,
                                    int dataStart, int reportOffset, long timestampNanos, int channel)
            throws CannelloniFormatException {
        boolean extended = (canId & EFF_FLAG) != 0;
        int id = canId & (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
        byte[] data = new byte[remote ? 0 : dataLength];
        System.arraycopy(buffer, dataStart, data, 0, data.length);
        try {
            return new CanFrame(timestampNanos, channel, id, extended, remote, fd, fd && (flags & FD_BRS) != 0,
                    fd && (flags & FD_ESI) != 0, Direction.RX, data, remote ? dataLength : 0);
        } catch (IllegalArgumentException e) {
            throw new CannelloniFormatException(reportOffset, e.getMessage());
        }
    }
}
