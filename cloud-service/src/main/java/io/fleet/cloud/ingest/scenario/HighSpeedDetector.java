package io.fleet.cloud.ingest.scenario;

import java.util.function.Consumer;

/** {@code high-speed}: speed >= 100 km/h (27.78 m/s) for at least 5 s. */
public final class HighSpeedDetector extends SpeedRunDetector {

    public static final String TYPE = "high-speed";
    public static final double THRESHOLD = 100 / 3.6;

    public HighSpeedDetector(Consumer<Scenario> found) {
        super(TYPE, THRESHOLD, true, 5.0, found);
    }
}
