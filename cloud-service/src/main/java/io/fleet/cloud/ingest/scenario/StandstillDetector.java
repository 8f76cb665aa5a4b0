package io.fleet.cloud.ingest.scenario;

import java.util.function.Consumer;

/** {@code standstill}: speed < 0.3 m/s for at least 10 s. */
public final class StandstillDetector extends SpeedRunDetector {

    public static final String TYPE = "standstill";

    public StandstillDetector(Consumer<Scenario> found) {
        super(TYPE, 0.3, false, 10.0, found);
    }
}
