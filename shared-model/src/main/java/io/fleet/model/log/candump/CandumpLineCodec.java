package io.fleet.model.log.candump;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.internal.PayloadScratch;
import io.fleet.model.log.internal.TextLine;
import io.fleet.model.log.internal.TextNumbers;
import io.fleet.model.log.internal.TextOutput;

/**
 * One line of a {@code candump -l} log (can-utils' "compact ASCII" frame format):
 * <pre>
 * (1436509052.249713) vcan0 044#2A366C2BBA            classic, 3 hex digits = standard id
 * (1436509052.249713) vcan0 12345678#R                remote, 8 hex digits = extended id
 * (1436509052.249713) vcan0 123#R5                    remote requesting 5 bytes (DLC 5)
 * (1436509052.249713) vcan0 123#R8_E                  remote requesting 8 bytes with DLC 14 (len8_dlc)
 * (1436509052.249713) vcan0 123#1122334455667788_F    8 data bytes with DLC 15 (SocketCAN len8_dlc 9-F)
 * (1436509052.249713) vcan0 123##3112233              CAN FD: one flags digit (BRS=1, ESI=2), then data
 * (1436509052.249713) vcan0 123#1122334455667788 T    newer candump: trailing direction, T = sent, R = received
 * </pre>
 * Timestamps are epoch seconds with any fraction length up to 9 digits. Ids with CAN_ERR_FLAG (0x20000000) are
 * error frames, which the reader skips. Parse errors are {@link IllegalArgumentException}s carrying the reason.
 */
final class CandumpLineCodec {

    static final int CAN_ERR_FLAG = 0x2000_0000;
    static final int FD_FLAG_BRS = 0x1;
    static final int FD_FLAG_ESI = 0x2;
    /** What {@link #parse} returns for a well-formed line that is not a data frame (error frames). */
    static final CanFrame NOT_A_FRAME = CanFrame.classic(0, 0, 0, false, new byte[0]);

    private final PayloadScratch scratch = new PayloadScratch();

    CanFrame parse(TextLine line, CandumpInterfaces interfaces) {
        int length = line.length();
        if (length == 0 || line.charAt(0) != '(') {
            throw new IllegalArgumentException("expected '(' and a timestamp at the start of the line");
        }
        int close = line.indexOf(')', 1);
        if (close < 0) {
            throw new IllegalArgumentException("missing ')' after the timestamp");
        }
        long timestamp = TextNumbers.parseSecondsToNanos(line, 1, close);
        int nameStart = skipSpaces(line, close + 1);
        int nameEnd = line.indexOf(' ', nameStart);
        if (nameStart == close + 1 || nameEnd < 0 || nameEnd == nameStart) {
            throw new IllegalArgumentException("expected '(timestamp) interface frame'");
        }
        int frameStart = skipSpaces(line, nameEnd);
        int frameEnd = line.indexOf(' ', frameStart);
        frameEnd = frameEnd < 0 ? length : frameEnd;
        Direction direction = parseDirection(line, skipSpaces(line, frameEnd));
        int hash = line.indexOf('#', frameStart);
        if (hash < 0 || hash >= frameEnd) {
            throw new IllegalArgumentException("missing '#' between id and data in '"
                    + line.substring(frameStart, frameEnd) + "'");
        }
        int idDigits = hash - frameStart;
        if (idDigits != 3 && idDigits != 8) {
            throw new IllegalArgumentException("id must have 3 (standard) or 8 (extended) hex digits, has "
                    + idDigits + ": '" + line.substring(frameStart, hash) + "'");
        }
        int rawId = TextNumbers.parseHex(line, frameStart, hash, "id");
        boolean extended = idDigits == 8;
        if (extended && (rawId & CAN_ERR_FLAG) != 0) {
            return NOT_A_FRAME;
        }
        int channel = interfaces.channelOf(line, nameStart, nameEnd);
        int dataStart = hash + 1;
        if (dataStart < frameEnd && line.charAt(dataStart) == '#') {
            return parseFd(line, dataStart + 1, frameEnd, timestamp, channel, rawId, extended, direction);
        }
        if (dataStart < frameEnd && (line.charAt(dataStart) == 'R' || line.charAt(dataStart) == 'r')) {
            return parseRemote(line, dataStart + 1, frameEnd, timestamp, channel, rawId, extended, direction);
        }
        int underscore = line.indexOf('_', dataStart);
        int dataEnd = underscore >= 0 && underscore < frameEnd ? underscore : frameEnd;
        int count = parseBytes(line, dataStart, dataEnd, 8);
        if (dataEnd != frameEnd && count != 8) {
            throw new IllegalArgumentException("'_<dlc>' is allowed only after 8 data bytes");
        }
        int len8Dlc = dataEnd == frameEnd ? 0 : len8Dlc(line, dataEnd, frameEnd);
        CanFrame frame = CanFrame.data(timestamp, channel, rawId, extended, direction, scratch.payload(count));
        return len8Dlc == 0 ? frame : frame.withDlc(len8Dlc);
    }

    /** {@code R}, {@code R5}, {@code R8_E} (can-utils: a DLC digit 0-8, and after 8 a raw DLC 9-F). */
    private static CanFrame parseRemote(TextLine line, int from, int frameEnd, long timestamp, int channel, int id,
                                        boolean extended, Direction direction) {
        if (from == frameEnd) {
            return CanFrame.remote(timestamp, channel, id, extended, 0, direction);
        }
        if (!isRemoteDlc(line.charAt(from)) || from + 1 != frameEnd && line.charAt(from) != '8') {
            throw new IllegalArgumentException("remote frame takes one length digit 0-8 after 'R', and after 8 "
                    + "optionally '_' and a raw DLC 9-F: '" + line.substring(from - 1, frameEnd) + "'");
        }
        int dlc = from + 1 == frameEnd ? line.charAt(from) - '0' : len8Dlc(line, from + 1, frameEnd);
        return CanFrame.remote(timestamp, channel, id, extended, dlc, direction);
    }

    /** {@code _X} with X a hex DLC 9-F: the raw DLC of a classic frame of 8 bytes. */
    private static int len8Dlc(TextLine line, int underscore, int frameEnd) {
        if (frameEnd - underscore != 2 || line.charAt(underscore) != '_') {
            throw new IllegalArgumentException("expected '_' and one hex digit 9-F (raw DLC) after 8 bytes, found '"
                    + line.substring(underscore, frameEnd) + "'");
        }
        int dlc = TextNumbers.hexDigit(line, underscore + 1, "raw DLC");
        if (dlc < 9) {
            throw new IllegalArgumentException("raw DLC '_" + line.charAt(underscore + 1)
                    + "' must be 9-F (DLC 8 needs no suffix)");
        }
        return dlc;
    }

    private CanFrame parseFd(TextLine line, int flagsAt, int frameEnd, long timestamp, int channel, int id,
                             boolean extended, Direction direction) {
        if (flagsAt >= frameEnd) {
            throw new IllegalArgumentException("CAN FD frame needs a flags digit after '##'");
        }
        int flags = TextNumbers.hexDigit(line, flagsAt, "CAN FD flags");
        int count = parseBytes(line, flagsAt + 1, frameEnd, 64);
        if (!CanFrame.isValidFdLength(count)) {
            throw new IllegalArgumentException("CAN FD payload of " + count + " bytes is not a CAN FD length");
        }
        return CanFrame.fd(timestamp, channel, id, extended, (flags & FD_FLAG_BRS) != 0, (flags & FD_FLAG_ESI) != 0,
                direction, scratch.payload(count));
    }

    /** Hex byte pairs, optionally separated by '.', as can-utils accepts them. */
    private int parseBytes(TextLine line, int from, int to, int max) {
        int count = 0;
        int i = from;
        while (i < to) {
            if (line.charAt(i) == '.') {
                i++;
                continue;
            }
            if (i + 1 >= to) {
                throw new IllegalArgumentException("odd number of hex digits in data");
            }
            if (count == max) {
                throw new IllegalArgumentException("more than " + max + " data bytes");
            }
            scratch.set(count++, (TextNumbers.hexDigit(line, i, "data") << 4
                    | TextNumbers.hexDigit(line, i + 1, "data")));
            i += 2;
        }
        return count;
    }

    private static Direction parseDirection(TextLine line, int at) {
        if (at >= line.length()) {
            return Direction.RX;
        }
        if (at == line.length() - 1) {
            char marker = line.charAt(at);
            if (marker == 'T') {
                return Direction.TX;
            }
            if (marker == 'R') {
                return Direction.RX;
            }
        }
        throw new IllegalArgumentException("unexpected text after the frame: '" + line.substring(at) + "'");
    }

    private static int skipSpaces(TextLine line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isRemoteDlc(char c) {
        return c >= '0' && c <= '8';
    }

    /**
     * Appends one candump line for {@code frame}. Times get 6 fraction digits like candump, or 9 when the time has
     * sub-microsecond detail, so that nothing is lost on conversion from nanosecond formats (BLF, MDF4).
     */
    static void format(TextOutput out, CanFrame frame, byte[] interfaceName, boolean directionMarker) {
        long t = frame.timestampNanos();
        out.append('(').appendSeconds(t, t % 1000 == 0 ? 6 : 9).append(") ").append(interfaceName).append(' ')
                .appendHex(frame.id(), frame.extended() ? 8 : 3).append('#');
        if (frame.remote()) {
            out.append('R');
            if (frame.remoteDlc() > 0) {
                // as candump prints it: no digit for DLC 0
                out.appendDecimal(frame.remoteDlc());
            }
            appendLen8Dlc(out, frame);
        } else {
            if (frame.fd()) {
                int flags = (frame.bitRateSwitch() ? FD_FLAG_BRS : 0) | (frame.errorState() ? FD_FLAG_ESI : 0);
                out.append('#').appendHex(flags, 1);
            }
            for (int i = 0; i < frame.dataLength(); i++) {
                out.appendHex(frame.byteAt(i), 2);
            }
            appendLen8Dlc(out, frame);
        }
        if (directionMarker) {
            out.append(frame.direction() == Direction.TX ? " T" : " R");
        }
    }

    /** can-utils' {@code _X} after 8 bytes (or {@code R8}) for a raw DLC 9-F. */
    private static void appendLen8Dlc(TextOutput out, CanFrame frame) {
        if (frame.len8Dlc() != 0) {
            out.append('_').appendHex(frame.len8Dlc(), 1);
        }
    }
}
