package io.fleet.model.log.asc;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.internal.LineTokens;
import io.fleet.model.log.internal.PayloadScratch;
import io.fleet.model.log.internal.TextNumbers;

/**
 * Turns the tokens of one timestamped ASC event line into a {@link CanFrame}, or {@code null} for a well-formed
 * event that is not a data frame. Layouts, after the timestamp (Vector "ASC format" description, CANoe 9+):
 * <pre>
 * classic: channel id[x] Rx|Tx d dlc data... [Length = ns BitCount = n ID = id]
 *          channel id[x] Rx|Tx r [dlc] [Length = ...]
 * CAN FD:  CANFD channel Rx|Tx id[x] [symbolic name] brs esi dlc dataLength data...
 *          messageDuration bitCount flags crc bitTimingArb bitTimingData bitTimingExtArb bitTimingExtData
 * others:  channel ErrorFrame | Statistic: | Status: ..., CANFD channel Rx ErrorFrame ..., Start of measurement, ...
 * </pre>
 * Ids and data bytes are hex or decimal as the {@code base} header says; DLCs are hex; the CAN FD data length is
 * decimal. Malformed frame lines throw {@link IllegalArgumentException} with the reason.
 */
final class AscFrameParser {

    /** CAN FD line flags: EDL/FDF (frame is CAN FD) and RTR, bits as in Vector's ASC description. */
    private static final int FLAG_EDL = 0x1000;
    private static final int FLAG_RTR = 0x10;

    private final PayloadScratch scratch = new PayloadScratch();
    private int radix = 16;

    void setRadix(int newRadix) {
        radix = newRadix;
    }

    int radix() {
        return radix;
    }

    /** Parses tokens[1..] of a line whose token 0 is its timestamp. */
    CanFrame parse(LineTokens t, long timestampNanos) {
        if (t.count() < 2) {
            return null;
        }
        if (t.is(1, "CANFD")) {
            // "CANFD 1 Rx ErrorFrame ..." and other events name themselves where the id would be.
            return t.count() > 4 && !isEventName(t, 4) ? parseFd(t, timestampNanos) : null;
        }
        if (t.isDecimal(1, 5) && t.count() > 3 && isDirection(t, 3)) {
            return parseClassic(t, timestampNanos);
        }
        return null;
    }

    private CanFrame parseClassic(LineTokens t, long timestampNanos) {
        int channel = channel(t, 1);
        Direction direction = direction(t, 3);
        if (t.count() < 5 || t.length(4) != 1) {
            throw new IllegalArgumentException("expected 'd' (data) or 'r' (remote) after the direction");
        }
        char type = t.firstChar(4);
        if (type == 'r' || type == 'R') {
            // The DLC the frame requests may follow (Vector writes it, older tools leave it out: DLC 0); 9-F request 8.
            int dlc = t.count() > 5 && t.isHex(5, 1) ? TextNumbers.hexDigit(t.line(), t.start(5), "DLC") : 0;
            return CanFrame.remote(timestampNanos, channel, id(t, 2), extended(t, 2), dlc, direction);
        }
        if (type != 'd' && type != 'D') {
            throw new IllegalArgumentException("expected 'd' (data) or 'r' (remote), found '" + type + "'");
        }
        if (t.count() < 6 || !t.isHex(5, 1)) {
            throw new IllegalArgumentException("expected a DLC 0..F after 'd'"
                    + (t.count() < 6 ? "" : ", found '" + t.text(5) + "'"));
        }
        int dlc = TextNumbers.hexDigit(t.line(), t.start(5), "DLC");
        int length = CanFrame.lengthForDlc(dlc, false);
        readBytes(t, 6, length);
        CanFrame frame = CanFrame.data(timestampNanos, channel, id(t, 2), extended(t, 2), direction,
                scratch.payload(length));
        return dlc > 8 ? frame.withDlc(dlc) : frame;
    }

    private CanFrame parseFd(LineTokens t, long timestampNanos) {
        int channel = channel(t, 2);
        Direction direction = direction(t, 3);
        int i = 5;
        if (!isBit(t, i)) {
            i++; // the optional symbolic message name
        }
        if (t.count() < i + 4 || !isBit(t, i) || !isBit(t, i + 1)) {
            throw new IllegalArgumentException("expected 'brs esi dlc dataLength' after the CAN FD id");
        }
        boolean brs = t.firstChar(i) == '1';
        boolean esi = t.firstChar(i + 1) == '1';
        if (!t.isHex(i + 2, 1)) {
            throw new IllegalArgumentException("bad CAN FD DLC '" + t.text(i + 2) + "'");
        }
        int length = TextNumbers.parseDecimal(t.line(), t.start(i + 3), t.end(i + 3), "CAN FD data length");
        if (!CanFrame.isValidFdLength(length)) {
            throw new IllegalArgumentException("CAN FD data length " + length + " is not a CAN FD length");
        }
        int dataStart = i + 4;
        readBytes(t, dataStart, length);
        int flagsIndex = dataStart + length + 2; // after messageDuration and bitCount
        boolean classic = length <= 8 && t.count() > flagsIndex && t.isHex(flagsIndex, 8)
                && (TextNumbers.parseHex(t.line(), t.start(flagsIndex), t.end(flagsIndex), "flags") & FLAG_EDL) == 0;
        if (classic) {
            // A classic frame logged in CAN FD layout (EDL clear): BRS/ESI do not exist there.
            boolean remote = (TextNumbers.parseHex(t.line(), t.start(flagsIndex), t.end(flagsIndex), "flags")
                    & FLAG_RTR) != 0;
            int dlc = TextNumbers.hexDigit(t.line(), t.start(i + 2), "DLC");
            if (remote) {
                return CanFrame.remote(timestampNanos, channel, id(t, 4), extended(t, 4), dlc, direction);
            }
            CanFrame frame = CanFrame.data(timestampNanos, channel, id(t, 4), extended(t, 4), direction,
                    scratch.payload(length));
            return dlc > 8 && length == 8 ? frame.withDlc(dlc) : frame;
        }
        return CanFrame.fd(timestampNanos, channel, id(t, 4), extended(t, 4), brs, esi, direction,
                scratch.payload(length));
    }

    private void readBytes(LineTokens t, int first, int length) {
        if (t.count() < first + length) {
            throw new IllegalArgumentException("expected " + length + " data bytes, found " + (t.count() - first));
        }
        for (int k = 0; k < length; k++) {
            int index = first + k;
            int value = radix == 16
                    ? (t.isHex(index, 2) ? TextNumbers.parseHex(t.line(), t.start(index), t.end(index), "data") : -1)
                    : (t.isDecimal(index, 3) ? TextNumbers.parseDecimal(t.line(), t.start(index), t.end(index), "data")
                    : -1);
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("bad data byte '" + t.text(index) + "'");
            }
            scratch.set(k, value);
        }
    }

    private boolean isId(LineTokens t, int index) {
        int digits = t.length(index) - (isExtendedSuffix(t.lastChar(index)) ? 1 : 0);
        if (digits < 1 || digits > (radix == 16 ? 8 : 9)) {
            return false;
        }
        for (int i = t.start(index); i < t.start(index) + digits; i++) {
            if (Character.digit(t.line().charAt(i), radix) < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean isEventName(LineTokens t, int index) {
        return !isId(t, index) && Character.isLetter(t.firstChar(index)) && t.length(index) > 3;
    }

    private int id(LineTokens t, int index) {
        if (!isId(t, index)) {
            throw new IllegalArgumentException("bad id '" + t.text(index) + "'");
        }
        int end = t.end(index) - (extended(t, index) ? 1 : 0);
        long value = Long.parseLong(t.line(), t.start(index), end, radix);
        if (value > CanFrame.MAX_EXTENDED_ID) {
            throw new IllegalArgumentException("id " + t.text(index) + " exceeds 29 bits");
        }
        return (int) value;
    }

    private static boolean extended(LineTokens t, int index) {
        return isExtendedSuffix(t.lastChar(index));
    }

    private static boolean isExtendedSuffix(char c) {
        return c == 'x' || c == 'X';
    }

    private static int channel(LineTokens t, int index) {
        if (!t.isDecimal(index, 5)) {
            throw new IllegalArgumentException("bad channel '" + t.text(index) + "'");
        }
        return TextNumbers.parseDecimal(t.line(), t.start(index), t.end(index), "channel");
    }

    private static boolean isDirection(LineTokens t, int index) {
        return t.isIgnoreCase(index, "Rx") || t.isIgnoreCase(index, "Tx") || t.isIgnoreCase(index, "TxRq");
    }

    private static Direction direction(LineTokens t, int index) {
        if (!isDirection(t, index)) {
            throw new IllegalArgumentException("expected Rx or Tx, found '" + t.text(index) + "'");
        }
        return t.isIgnoreCase(index, "Rx") ? Direction.RX : Direction.TX;
    }

    private static boolean isBit(LineTokens t, int index) {
        return index < t.count() && (t.is(index, "0") || t.is(index, "1"));
    }
}
