package io.fleet.rig.capture;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes CAN frames as candump log lines ({@code candump -l} format): {@code (1700000000.000123) can0 7E8#0241}.
 * A stop-gap until the shared {@code LogWriters} land; the format is the one the candump reader parses.
 */
public final class CandumpLineWriter {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CandumpLineWriter() {
    }

    /** Formats one frame; UDP datagrams have no candump form and return null. */
    public static String format(BusRecord record, String interfaceName) {
        if (!(record instanceof CanFrame frame)) {
            return null;
        }
        long t = frame.timestampNanos();
        StringBuilder line = new StringBuilder(48);
        line.append(String.format(Locale.ROOT, "(%d.%06d) ", Math.floorDiv(t, 1_000_000_000L),
                Math.floorMod(t, 1_000_000_000L) / 1_000));
        line.append(interfaceName).append(' ');
        line.append(frame.extended() ? String.format("%08X", frame.id()) : String.format("%03X", frame.id()));
        if (frame.fd()) {
            line.append("##").append(HEX[(frame.bitRateSwitch() ? 1 : 0) | (frame.errorState() ? 2 : 0)]);
        } else {
            line.append('#');
        }
        if (frame.remote()) {
            line.append('R');
            if (frame.dataLength() > 0) {
                line.append(frame.dataLength());
            }
            return line.toString();
        }
        for (int i = 0; i < frame.dataLength(); i++) {
            int b = frame.byteAt(i);
            line.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        return line.toString();
    }

    public static void write(Writer out, BusRecord record, String interfaceName) throws IOException {
        String line = format(record, interfaceName);
        if (line != null) {
            out.write(line);
            out.write('\n');
        }
    }
}
