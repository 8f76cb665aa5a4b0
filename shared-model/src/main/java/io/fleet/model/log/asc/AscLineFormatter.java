package io.fleet.model.log.asc;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.internal.TextOutput;

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

    static void format(TextOutput out, CanFrame frame, long offsetNanos) {
        int start = out.position();
        out.appendSeconds(offsetNanos, 6).padLeft(start, 11);
        String direction = frame.direction() == Direction.TX ? "Tx" : "Rx";
        if (frame.fd()) {
            out.append(" CANFD ");
            int channelStart = out.position();
            out.appendDecimal(frame.channel()).padLeft(channelStart, 3);
            // CANoe's spacing: the id 8 blanks after the direction, then 35 blanks where no symbolic name is
            out.append(' ').append(direction).append("        ");
            appendId(out, frame);
            out.append(NO_SYMBOLIC_NAME).append("   ")
                    .append(frame.bitRateSwitch() ? '1' : '0').append(' ')
                    .append(frame.errorState() ? '1' : '0').append(' ')
                    .appendHex(CanFrame.dlcForLength(frame.dataLength()), 1).append(' ');
            int lengthStart = out.position();
            out.appendDecimal(frame.dataLength()).padLeft(lengthStart, 2);
            appendData(out, frame);
            int flags = FLAG_EDL | (frame.bitRateSwitch() ? FLAG_BRS : 0) | (frame.errorState() ? FLAG_ESI : 0);
            out.append("        0    0 ");
            int flagsStart = out.position();
            // hex digits only (0x1000-0x7000), so upper or lower case does not arise
            out.appendHex(flags).padLeft(flagsStart, 8);
            out.append("        0        0        0        0        0");
            return;
        }
        out.append(' ').appendDecimal(frame.channel()).append("  ");
        int idStart = out.position();
        appendId(out, frame);
        out.padRight(idStart, 15).append(' ').append(direction).append("   ");
        if (frame.remote()) {
            out.append("r ").appendHex(frame.dlc(), 1);
            return;
        }
        // the DLC as on the bus: 9-F (len8 DLC) still carry 8 bytes, as CANoe logs them
        out.append("d ").appendHex(frame.dlc(), 1);
        appendData(out, frame);
    }

    private static void appendId(TextOutput out, CanFrame frame) {
        out.appendHex(frame.id());
        if (frame.extended()) {
            out.append('x');
        }
    }

    private static void appendData(TextOutput out, CanFrame frame) {
        for (int i = 0; i < frame.dataLength(); i++) {
            out.append(' ').appendHex(frame.byteAt(i), 2);
        }
    }
}
