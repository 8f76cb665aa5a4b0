package io.fleet.model.log.asc;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.internal.TextNumbers;

/**
 * Formats frames as ASC event lines in the column layout CANoe writes (compare python-can's test files), with
 * {@code base hex} and times in seconds with microseconds:
 * <pre>
 *   17.876708 1  6F9             Rx   d 8 05 0C 00 00 00 00 00 00
 *   30.005021 CANFD   1 Rx        300                                   1 0 8  8 11 C2 03 04 05 06 07 08 ...
 * </pre>
 * CAN FD lines end with message duration, bit count, flags (EDL, BRS, ESI bits set to match the frame), CRC and
 * four bit-timing words; the model has none of them but duration and timing, so those are written as 0.
 */
final class AscLineFormatter {

    private static final int FLAG_EDL = 0x1000;
    private static final int FLAG_BRS = 0x2000;
    private static final int FLAG_ESI = 0x4000;
    private static final String NO_SYMBOLIC_NAME = " ".repeat(32);

    private AscLineFormatter() {
    }

    static StringBuilder format(StringBuilder out, CanFrame frame, long offsetNanos) {
        int start = out.length();
        TextNumbers.appendSeconds(out, offsetNanos, 6);
        padLeft(out, start, 11);
        String direction = frame.direction() == Direction.TX ? "Tx" : "Rx";
        if (frame.fd()) {
            out.append(" CANFD ");
            padLeft(out, Integer.toString(frame.channel()), 3);
            // CANoe's spacing: the id 8 blanks after the direction, then 35 blanks where no symbolic name is
            out.append(' ').append(direction).append("        ");
            appendId(out, frame);
            out.append(NO_SYMBOLIC_NAME).append("   ")
                    .append(frame.bitRateSwitch() ? '1' : '0').append(' ')
                    .append(frame.errorState() ? '1' : '0').append(' ');
            TextNumbers.appendHex(out, CanFrame.dlcForLength(frame.dataLength()), 1).append(' ');
            padLeft(out, Integer.toString(frame.dataLength()), 2);
            appendData(out, frame);
            int flags = FLAG_EDL | (frame.bitRateSwitch() ? FLAG_BRS : 0) | (frame.errorState() ? FLAG_ESI : 0);
            out.append("        0    0 ");
            int flagsStart = out.length();
            out.append(Integer.toHexString(flags));
            padLeft(out, flagsStart, 8);
            out.append("        0        0        0        0        0");
            return out;
        }
        out.append(' ').append(frame.channel()).append("  ");
        int idStart = out.length();
        appendId(out, frame);
        padRight(out, idStart, 15);
        out.append(' ').append(direction).append("   ");
        if (frame.remote()) {
            return out.append('r');
        }
        out.append("d ");
        TextNumbers.appendHex(out, frame.dataLength(), 1);
        return appendData(out, frame);
    }

    private static void appendId(StringBuilder out, CanFrame frame) {
        out.append(Integer.toHexString(frame.id()).toUpperCase());
        if (frame.extended()) {
            out.append('x');
        }
    }

    private static StringBuilder appendData(StringBuilder out, CanFrame frame) {
        for (int i = 0; i < frame.dataLength(); i++) {
            TextNumbers.appendHex(out.append(' '), frame.byteAt(i), 2);
        }
        return out;
    }

    private static void padLeft(StringBuilder out, int fieldStart, int width) {
        for (int missing = width - (out.length() - fieldStart); missing > 0; missing--) {
            out.insert(fieldStart, ' ');
        }
    }

    private static void padLeft(StringBuilder out, String text, int width) {
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(text);
    }

    private static void padRight(StringBuilder out, int fieldStart, int width) {
        for (int missing = width - (out.length() - fieldStart); missing > 0; missing--) {
            out.append(' ');
        }
    }
}
