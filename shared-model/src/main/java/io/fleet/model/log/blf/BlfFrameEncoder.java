package io.fleet.model.log.blf;

import static io.fleet.model.log.blf.BlfObjectTypes.CAN_FD_MESSAGE;
import static io.fleet.model.log.blf.BlfObjectTypes.CAN_FD_MESSAGE_64;
import static io.fleet.model.log.blf.BlfObjectTypes.CAN_MESSAGE2;
import static io.fleet.model.log.blf.BlfObjectTypes.EXTENDED_ID_FLAG;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_BRS;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_EDL;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_ESI;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_FIXED_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_BRS;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_EDL;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_ESI;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_FIXED_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.HEADER_V1_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.MESSAGE_RTR;
import static io.fleet.model.log.blf.BlfObjectTypes.MESSAGE_TX;
import static io.fleet.model.log.blf.BlfObjectTypes.OBJECT_SIGNATURE;
import static io.fleet.model.log.blf.BlfObjectTypes.TIME_ONE_NANS;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.nio.ByteBuffer;

/**
 * Encodes {@link CanFrame}s as BLF objects with a version-1 header and nanosecond timestamps, in the layouts
 * {@link BlfFrameDecoder} documents: classic and remote frames as CAN_MESSAGE2, CAN FD frames as
 * CAN_FD_MESSAGE_64 holding exactly the payload bytes, or as CAN_FD_MESSAGE (64 data bytes) on channels above 255,
 * which CAN_FD_MESSAGE_64's one-byte channel cannot number. Fields the model does not know (frame length in ns,
 * bit counts, bit timings, CRC) are 0, which Vector's format uses for "not measured". A remote frame is written
 * with the DLC it requests and no data. Each object is followed by {@code size % 4} zero bytes,
 * the padding BLF readers skip.
 */
final class BlfFrameEncoder {

    /** Largest object this encoder writes, padding included: CAN_FD_MESSAGE_64 with 64 bytes. */
    static final int MAX_OBJECT_SIZE = HEADER_V1_SIZE + FD64_FIXED_SIZE + 64;

    static final int MAX_CHANNEL = 0xFFFF;
    private static final int MAX_FD64_CHANNEL = 0xFF;
    private static final int CAN_MESSAGE2_BODY_SIZE = 24;

    private BlfFrameEncoder() {
    }

    /**
     * Puts the object for {@code frame} with {@code offsetNanos} (time since the file's start) at {@code out}'s
     * position. Throws IllegalArgumentException, before writing anything, for a channel BLF cannot number or a
     * negative offset.
     */
    static void encode(CanFrame frame, long offsetNanos, ByteBuffer out) {
        int channel = frame.channel();
        if (channel < 1 || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException("channel " + channel + " is not a BLF channel (1 to " + MAX_CHANNEL
                    + "): " + frame);
        }
        if (offsetNanos < 0) {
            throw new IllegalArgumentException("frame is " + -offsetNanos + " ns before the log start: " + frame);
        }
        int rawId = frame.extended() ? frame.id() | EXTENDED_ID_FLAG : frame.id();
        if (!frame.fd()) {
            canMessage2(frame, channel, rawId, offsetNanos, out);
        } else if (channel <= MAX_FD64_CHANNEL) {
            canFdMessage64(frame, channel, rawId, offsetNanos, out);
        } else {
            canFdMessage(frame, channel, rawId, offsetNanos, out);
        }
    }

    private static void canMessage2(CanFrame frame, int channel, int rawId, long offsetNanos, ByteBuffer out) {
        int size = HEADER_V1_SIZE + CAN_MESSAGE2_BODY_SIZE;
        int flags = (frame.direction() == Direction.TX ? MESSAGE_TX : 0) | (frame.remote() ? MESSAGE_RTR : 0);
        header(out, CAN_MESSAGE2, size, offsetNanos);
        out.putShort((short) channel).put((byte) flags).put((byte) frame.dlc()).putInt(rawId);
        data(frame, 8, out);
        zeros(out, 8); // frame length, bit count, reserved
        zeros(out, size % 4);
    }

    private static void canFdMessage64(CanFrame frame, int channel, int rawId, long offsetNanos, ByteBuffer out) {
        int length = frame.dataLength();
        int size = HEADER_V1_SIZE + FD64_FIXED_SIZE + length;
        int flags = FD64_EDL | (frame.bitRateSwitch() ? FD64_BRS : 0) | (frame.errorState() ? FD64_ESI : 0);
        header(out, CAN_FD_MESSAGE_64, size, offsetNanos);
        out.put((byte) channel).put((byte) CanFrame.dlcForLength(length)).put((byte) length).put((byte) 0)
                .putInt(rawId).putInt(0).putInt(flags);
        zeros(out, 18); // bit timings, BRS and CRC delimiter offsets, bit count
        out.put((byte) (frame.direction() == Direction.TX ? 1 : 0)).put((byte) 0).putInt(0); // ext data offset, CRC
        data(frame, length, out);
        zeros(out, size % 4);
    }

    private static void canFdMessage(CanFrame frame, int channel, int rawId, long offsetNanos, ByteBuffer out) {
        int size = HEADER_V1_SIZE + FD_FIXED_SIZE + 64;
        int length = frame.dataLength();
        int fdFlags = FD_EDL | (frame.bitRateSwitch() ? FD_BRS : 0) | (frame.errorState() ? FD_ESI : 0);
        header(out, CAN_FD_MESSAGE, size, offsetNanos);
        out.putShort((short) channel).put((byte) (frame.direction() == Direction.TX ? MESSAGE_TX : 0))
                .put((byte) CanFrame.dlcForLength(length)).putInt(rawId).putInt(0).put((byte) 0).put((byte) fdFlags)
                .put((byte) length);
        zeros(out, 5);
        data(frame, 64, out);
        zeros(out, size % 4);
    }

    private static void header(ByteBuffer out, int type, int size, long timestamp) {
        out.putInt(OBJECT_SIGNATURE).putShort((short) HEADER_V1_SIZE).putShort((short) 1).putInt(size).putInt(type);
        out.putInt(TIME_ONE_NANS).putShort((short) 0).putShort((short) 0).putLong(timestamp);
    }

    /** The payload, zero-filled to {@code width} bytes; {@code out} is a heap buffer. */
    private static void data(CanFrame frame, int width, ByteBuffer out) {
        int at = out.position();
        frame.copyDataTo(out.array(), out.arrayOffset() + at);
        out.position(at + frame.dataLength());
        zeros(out, width - frame.dataLength());
    }

    private static void zeros(ByteBuffer out, int count) {
        for (int i = 0; i < count; i++) {
            out.put((byte) 0);
        }
    }
}
