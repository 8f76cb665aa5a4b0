package io.fleet.model.log.asc;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.internal.PayloadScratch;
import io.fleet.model.log.internal.TextLine;
import io.fleet.model.log.internal.TextNumbers;

/**
 * The fast path for the line almost every ASC file is made of, a classic data frame in {@code base hex}:
 * <pre>
 *    17.876708 1  6F9             Rx   d 8 05 0C 00 00 00 00 00 00
 * </pre>
 * read in one pass over the bytes, without tokens. It takes only lines that {@link AscFrameParser} reads the same
 * way without error (anything after the data bytes is ignored there too) and declines the rest (remote, CAN FD,
 * {@code TxRq}, other events, bad fields) by returning {@code false}, so that the general parser reads them and
 * reports what is wrong. Besides speed, this keeps the code the JIT compiles for the common line small: on a
 * 2-core machine compiling the general path took as much CPU as a short conversion's parsing.
 */
final class AscClassicLine {

    private final PayloadScratch scratch = new PayloadScratch();
    private byte[] bytes;
    private int end;
    private int at;
    private long offsetNanos;
    private int channel;
    private int id;
    private boolean extended;
    private Direction direction;
    private int length;

    /**
     * Reads the line if it is a classic data frame; throws, as the general parser does, only for a bad timestamp.
     */
    boolean read(TextLine line) {
        bytes = line.bytes();
        at = line.offset();
        end = at + line.length();
        skipBlanks();
        int timeStart = at;
        if (at == end || !(isDigit(bytes[at]) || bytes[at] == '-')) {
            return false;
        }
        skipToken();
        offsetNanos = TextNumbers.parseSecondsToNanos(line, timeStart - line.offset(), at - line.offset());
        skipBlanks();
        channel = (int) number(10, 5);
        if (channel < 0 || !blankFollows()) {
            return false;
        }
        skipBlanks();
        long rawId = number(16, 8);
        extended = at < end && (bytes[at] == 'x' || bytes[at] == 'X');
        at += extended ? 1 : 0;
        if (rawId < 0 || rawId > (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID) || !blankFollows()) {
            return false;
        }
        id = (int) rawId;
        skipBlanks();
        if (at + 2 > end || bytes[at + 1] != 'x' || bytes[at] != 'R' && bytes[at] != 'T') {
            return false;
        }
        direction = bytes[at] == 'R' ? Direction.RX : Direction.TX;
        at += 2;
        if (!blankFollows()) {
            return false;
        }
        skipBlanks();
        if (at == end || bytes[at] != 'd' && bytes[at] != 'D') {
            return false;
        }
        at++;
        if (!blankFollows()) {
            return false;
        }
        skipBlanks();
        long dlc = number(16, 1);
        if (dlc < 0 || dlc > 8 || !blankFollows()) {
            return false; // a raw DLC 9-F takes the general parser, which keeps it
        }
        length = (int) dlc;
        for (int i = 0; i < length; i++) {
            skipBlanks();
            long value = number(16, 2);
            if (value < 0 || !blankFollows()) {
                return false;
            }
            scratch.set(i, (int) value);
        }
        return true;
    }

    /** Offset of the line just read, as written (before relative timestamps are added up). */
    long offsetNanos() {
        return offsetNanos;
    }

    CanFrame frame(long timestampNanos) {
        return CanFrame.data(timestampNanos, channel, id, extended, direction, scratch.payload(length));
    }

    /** 1..maxDigits digits in the radix, or -1. */
    private long number(int radix, int maxDigits) {
        int start = at;
        long value = 0;
        while (at < end && at - start < maxDigits + 1) {
            int digit = Character.digit((char) (bytes[at] & 0xFF), radix);
            if (digit < 0) {
                break;
            }
            value = value * radix + digit;
            at++;
        }
        int digits = at - start;
        return digits >= 1 && digits <= maxDigits ? value : -1;
    }

    /** Whether the token just read ends here, at a blank or the end of the line. */
    private boolean blankFollows() {
        return at == end || TextLine.isWhitespace((char) (bytes[at] & 0xFF));
    }

    private void skipBlanks() {
        while (at < end && TextLine.isWhitespace((char) (bytes[at] & 0xFF))) {
            at++;
        }
    }

    private void skipToken() {
        while (at < end && !TextLine.isWhitespace((char) (bytes[at] & 0xFF))) {
            at++;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
