package io.fleet.model.log.blf;

import static io.fleet.model.log.blf.BlfObjectTypes.CAN_FD_MESSAGE;
import static io.fleet.model.log.blf.BlfObjectTypes.CAN_FD_MESSAGE_64;
import static io.fleet.model.log.blf.BlfObjectTypes.CAN_MESSAGE;
import static io.fleet.model.log.blf.BlfObjectTypes.CAN_MESSAGE2;
import static io.fleet.model.log.blf.BlfObjectTypes.EXTENDED_ID_FLAG;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_BRS;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_EDL;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_ESI;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_FIXED_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.FD64_RTR;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_BRS;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_EDL;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_ESI;
import static io.fleet.model.log.blf.BlfObjectTypes.FD_FIXED_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.HEADER_V1_SIZE;
import static io.fleet.model.log.blf.BlfObjectTypes.MESSAGE_RTR;
import static io.fleet.model.log.blf.BlfObjectTypes.MESSAGE_TX;
import static io.fleet.model.log.blf.BlfObjectTypes.TIME_TEN_MICS;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.nio.ByteBuffer;

/**
 * Decodes CAN objects into {@link CanFrame}s. Layouts after the object header (little-endian), as documented by
 * Vector's binlog API headers and Toby Lorenz' vector_blf:
 * <pre>
 * object header v1 (32 bytes): base, u32 flags, u16 client index, u16 object version, u64 timestamp
 * object header v2 (40 bytes): base, u32 flags, u8 timestamp status, u8 reserved, u16 object version,
 *                              u64 timestamp, u64 original timestamp
 *   flags: 1 = timestamp in 10 us, 2 = in 1 ns
 * CAN_MESSAGE (1), CAN_MESSAGE2 (86): u16 channel, u8 flags (bit 0 TX, bit 7 RTR), u8 dlc, u32 id, u8[8] data
 *   (CAN_MESSAGE2 then has frame length, bit count and reserved fields, not needed here)
 * CAN_FD_MESSAGE (100): u16 channel, u8 flags (as above), u8 dlc, u32 id, u32 frame length, u8 arbitration bit
 *   count, u8 FD flags (bit 0 EDL, 1 BRS, 2 ESI), u8 valid data bytes, u8[5] reserved, u8[64] data
 * CAN_FD_MESSAGE_64 (101): u8 channel, u8 dlc, u8 valid data bytes, u8 tx count, u32 id, u32 frame length,
 *   u32 flags (bit 4 RTR, 12 EDL, 13 BRS, 14 ESI), u32 bit timing arb, u32 bit timing data, u32 BRS offset,
 *   u32 CRC delimiter offset, u16 bit count, u8 direction (0 RX), u8 ext data offset, u32 crc, data...
 * id: bit 31 set = extended, low 29 bits the identifier
 * </pre>
 * Channels are BLF's 1-based numbers. An id that does not fit 11 bits is reported as extended even without bit
 * 31 (Vector's own test files have such ids); a CAN FD frame has no remote form, so on frames with EDL the RTR bit
 * is ignored. When fewer data bytes are stored than the valid-length field claims, the rest reads as zeros, as
 * CANoe does. Malformed objects throw IllegalArgumentException with the reason.
 */
final class BlfFrameDecoder {

    private final long anchorNanos;

    BlfFrameDecoder(long anchorNanos) {
        this.anchorNanos = anchorNanos;
    }

    /** The frame in the object at {@code at}, or {@code null} when the object type is not a CAN frame. */
    CanFrame decode(ByteBuffer b, int at, int type) {
        if (type != CAN_MESSAGE && type != CAN_MESSAGE2 && type != CAN_FD_MESSAGE && type != CAN_FD_MESSAGE_64) {
            return null;
        }
        int headerSize = b.getShort(at + 4) & 0xFFFF;
        int headerVersion = b.getShort(at + 6) & 0xFFFF;
        int size = b.getInt(at + 8);
        if (headerVersion != 1 && headerVersion != 2 || headerSize < HEADER_V1_SIZE) {
            throw new IllegalArgumentException("unsupported object header version " + headerVersion + " / size "
                    + headerSize);
        }
        long timestamp = timestamp(b, at);
        int body = at + headerSize;
        int bodySize = size - headerSize;
        return switch (type) {
            case CAN_FD_MESSAGE -> canFdMessage(b, body, bodySize, timestamp);
            case CAN_FD_MESSAGE_64 -> canFdMessage64(b, at, body, bodySize, timestamp);
            default -> canMessage(b, body, bodySize, timestamp);
        };
    }

    private long timestamp(ByteBuffer b, int at) {
        int flags = b.getInt(at + 16);
        long raw = b.getLong(at + 24);
        if (raw < 0) {
            throw new IllegalArgumentException("timestamp " + Long.toUnsignedString(raw) + " out of range");
        }
        return Math.addExact(anchorNanos, flags == TIME_TEN_MICS ? Math.multiplyExact(raw, 10_000L) : raw);
    }

    private static CanFrame canMessage(ByteBuffer b, int body, int bodySize, long timestamp) {
        requireSize(bodySize, 16, "CAN message");
        int flags = b.get(body + 2) & 0xFF;
        int channel = b.getShort(body) & 0xFFFF;
        int dlc = b.get(body + 3) & 0xFF;
        if ((flags & MESSAGE_RTR) != 0) {
            return remoteFrame(timestamp, channel, b.getInt(body + 4), dlc, direction(flags & MESSAGE_TX));
        }
        int length = Math.min(dlc, 8);
        return keepRawDlc(frame(b, timestamp, channel, b.getInt(body + 4), false, false, false,
                direction(flags & MESSAGE_TX), body + 8, length, length), dlc);
    }

    private static CanFrame canFdMessage(ByteBuffer b, int body, int bodySize, long timestamp) {
        requireSize(bodySize, FD_FIXED_SIZE, "CAN FD message");
        int flags = b.get(body + 2) & 0xFF;
        int dlc = b.get(body + 3) & 0xFF;
        int fdFlags = b.get(body + 13) & 0xFF;
        int channel = b.getShort(body) & 0xFFFF;
        int id = b.getInt(body + 4);
        Direction direction = direction(flags & MESSAGE_TX);
        int stored = Math.min(bodySize - FD_FIXED_SIZE, 64);
        if ((fdFlags & FD_EDL) == 0) {
            if ((flags & MESSAGE_RTR) != 0) {
                return remoteFrame(timestamp, channel, id, dlc, direction);
            }
            return keepRawDlc(frame(b, timestamp, channel, id, false, false, false, direction, body + FD_FIXED_SIZE,
                    Math.min(dlc, 8), stored), dlc);
        }
        int length = fdLength(b.get(body + 14) & 0xFF, dlc);
        return frame(b, timestamp, channel, id, true, (fdFlags & FD_BRS) != 0, (fdFlags & FD_ESI) != 0,
                direction, body + FD_FIXED_SIZE, length, stored);
    }

    private static CanFrame canFdMessage64(ByteBuffer b, int at, int body, int bodySize, long timestamp) {
        requireSize(bodySize, FD64_FIXED_SIZE, "CAN FD 64 message");
        int dlc = b.get(body + 1) & 0xFF;
        int flags = b.getInt(body + 12);
        Direction direction = direction(b.get(body + 34) & 0xFF);
        int extDataOffset = b.get(body + 35) & 0xFF;
        int dataStart = body + FD64_FIXED_SIZE;
        int stored = bodySize - FD64_FIXED_SIZE;
        if (extDataOffset != 0 && at + extDataOffset > dataStart && extDataOffset < body - at + bodySize) {
            stored = at + extDataOffset - dataStart; // extended data follows the payload
        }
        stored = Math.min(stored, 64);
        int channel = b.get(body) & 0xFF;
        int id = b.getInt(body + 4);
        if ((flags & FD64_EDL) == 0) {
            if ((flags & FD64_RTR) != 0) {
                return remoteFrame(timestamp, channel, id, dlc, direction);
            }
            return keepRawDlc(frame(b, timestamp, channel, id, false, false, false, direction, dataStart,
                    Math.min(dlc, 8), stored), dlc);
        }
        return frame(b, timestamp, channel, id, true, (flags & FD64_BRS) != 0, (flags & FD64_ESI) != 0,
                direction, dataStart, fdLength(b.get(body + 2) & 0xFF, dlc), stored);
    }

    /** The valid-bytes field when it is a CAN FD length, else the DLC's length. */
    private static int fdLength(int validBytes, int dlc) {
        if (validBytes <= 64 && CanFrame.isValidFdLength(validBytes)) {
            return validBytes;
        }
        if (dlc <= 15) {
            return CanFrame.lengthForDlc(dlc, true);
        }
        throw new IllegalArgumentException("neither valid-bytes " + validBytes + " nor DLC " + dlc
                + " gives a CAN FD length");
    }

    private static CanFrame frame(ByteBuffer b, long timestamp, int channel, int rawId, boolean fd, boolean brs,
                                  boolean esi, Direction direction, int dataAt, int length, int stored) {
        byte[] data = new byte[length];
        b.get(dataAt, data, 0, Math.min(length, Math.max(stored, 0)));
        return fd ? CanFrame.fd(timestamp, channel, idOf(rawId), isExtended(rawId), brs, esi, direction, data)
                : CanFrame.data(timestamp, channel, idOf(rawId), isExtended(rawId), direction, data);
    }

    /** A classic data frame's raw DLC 9-15 (8 bytes, {@link CanFrame#len8Dlc}); a byte above 15 is not a DLC. */
    private static CanFrame keepRawDlc(CanFrame frame, int dlc) {
        return dlc > 8 && dlc <= CanFrame.MAX_RAW_DLC ? frame.withDlc(dlc) : frame;
    }

    /** A remote frame keeps the DLC it requests; 9-15 request 8 bytes and are kept as they are. */
    private static CanFrame remoteFrame(long timestamp, int channel, int rawId, int dlc, Direction direction) {
        return CanFrame.remote(timestamp, channel, idOf(rawId), isExtended(rawId),
                dlc <= CanFrame.MAX_RAW_DLC ? dlc : 8, direction);
    }

    private static int idOf(int rawId) {
        return rawId & CanFrame.MAX_EXTENDED_ID;
    }

    private static boolean isExtended(int rawId) {
        return (rawId & EXTENDED_ID_FLAG) != 0 || idOf(rawId) > CanFrame.MAX_STANDARD_ID;
    }

    private static Direction direction(int txFlag) {
        return txFlag == 0 ? Direction.RX : Direction.TX;
    }

    private static void requireSize(int bodySize, int needed, String what) {
        if (bodySize < needed) {
            throw new IllegalArgumentException(what + " object too small: " + bodySize + " bytes after the header, "
                    + "needs " + needed);
        }
    }
}
