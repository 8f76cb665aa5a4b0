package io.fleet.rig.replay;

import io.fleet.model.bus.CanFrame;

/** Small frame builders for replay tests. */
public final class Frames {

    public static final long MS = 1_000_000L;

    private Frames() {
    }

    /** A classic frame at {@code millis} on {@code channel} whose first payload byte is {@code tag}. */
    public static CanFrame at(long millis, int channel, int id, int tag) {
        return CanFrame.classic(1_700_000_000_000_000_000L + millis * MS, channel, id, false, new byte[] {(byte) tag});
    }
}
