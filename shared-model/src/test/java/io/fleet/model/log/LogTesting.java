package io.fleet.model.log;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for log reader tests: drain a reader, build payloads. */
public final class LogTesting {

    private LogTesting() {
    }

    public static List<CanFrame> readAll(LogReader reader) throws IOException {
        List<CanFrame> frames = new ArrayList<>();
        for (BusRecord r = reader.next(); r != null; r = reader.next()) {
            frames.add((CanFrame) r);
        }
        return frames;
    }

    public static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** 0, 1, 2, ... n-1 */
    public static byte[] counting(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) i;
        }
        return out;
    }
}
