package io.fleet.model.log.candump;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.internal.PayloadScratch;
import io.fleet.model.log.internal.TextLine;
import io.fleet.model.log.internal.TextNumbers;

/**
 * The fast path for the line almost every candump log is made of, a classic data frame:
 * <pre>
 * (1436509052.249713) vcan0 044#2A366C2BBA [T|R]
 * </pre>
 * read in one pass over the bytes (the general {@link CandumpLineCodec#parse} scans id and data three times). It
 * takes only lines the general parser reads the same way without error and declines the rest (remote, CAN FD,
 * error frames, {@code _dlc}, '.'-separated data, bad fields) by returning {@code false}; those then take the
 * general path with its error messages. A bad timestamp throws what the general parser throws first. The interface
 * is numbered only for an accepted line, as the general parser numbers it only on its way to a frame.
 */
final class CandumpClassicLine {

    private final PayloadScratch scratch = new PayloadScratch();
    private CanFrame frame;

    /** Reads the line if it is a classic data frame; {@link #frame()} then has it. */
    boolean read(TextLine line, CandumpInterfaces interfaces) {
        byte[] b = line.bytes();
        int start = line.offset();
        int end = start + line.length();
        if (start == end || b[start] != '(') {
            return false;
        }
        int close = line.indexOf(')', 1);
        if (close < 0) {
            return false;
        }
        long timestamp = TextNumbers.parseSecondsToNanos(line, 1, close);
        int at = start + close + 1;
        int nameStart = skipSpaces(b, at, end);
        int nameEnd = nameStart;
        while (nameEnd < end && b[nameEnd] != ' ') {
            nameEnd++;
        }
        if (nameStart == at || nameEnd == nameStart || nameEnd == end) {
            return false;
        }
        int idStart = skipSpaces(b, nameEnd, end);
        long id = 0;
        at = idStart;
        for (int digit; at < end && (digit = Character.digit((char) (b[at] & 0xFF), 16)) >= 0; at++) {
            id = id << 4 | digit;
        }
        int idDigits = at - idStart;
        boolean extended = idDigits == 8;
        if (at == end || b[at] != '#' || idDigits != 3 && !extended
                || id > (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID)) {
            return false;
        }
        int count = 0;
        for (at++; at + 1 < end && count < 8; at += 2) {
            int high = Character.digit((char) (b[at] & 0xFF), 16);
            int low = Character.digit((char) (b[at + 1] & 0xFF), 16);
            if (high < 0 || low < 0) {
                break;
            }
            scratch.set(count++, high << 4 | low);
        }
        Direction direction = direction(b, at, end);
        if (direction == null) {
            return false;
        }
        int channel = interfaces.channelOf(line, nameStart - start, nameEnd - start);
        frame = CanFrame.data(timestamp, channel, (int) id, extended, direction, scratch.payload(count));
        return true;
    }

    CanFrame frame() {
        return frame;
    }

    /** After the data: the end, or blanks and then the end or one direction marker; null for anything else. */
    private static Direction direction(byte[] b, int at, int end) {
        if (at < end && b[at] != ' ') {
            return null;
        }
        int marker = skipSpaces(b, at, end);
        if (marker == end) {
            return Direction.RX;
        }
        if (marker == end - 1 && (b[marker] == 'T' || b[marker] == 'R')) {
            return b[marker] == 'T' ? Direction.TX : Direction.RX;
        }
        return null;
    }

    private static int skipSpaces(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] == ' ') {
            i++;
        }
        return i;
    }
}
