package io.fleet.rig.cli;

import io.fleet.rig.replay.ReplayClock;
import java.util.Locale;

/** How sender threads busy-wait the last microseconds before a deadline ({@code --spin}). */
enum SpinStyle {
    PAUSE, YIELD, AUTO;

    ReplayClock clockFor(int senders) {
        return switch (this) {
            case PAUSE -> ReplayClock.system();
            case YIELD -> ReplayClock.systemYielding();
            case AUTO -> ReplayClock.systemFor(senders);
        };
    }

    String describe(int senders) {
        return clockFor(senders) == ReplayClock.system() ? "pause-spin" : "yield-spin";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
