package io.fleet.cloud.ingest.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Every detector of a drive log, fed together: the registry a new scenario type is added to. */
public final class ScenarioDetectors implements ScenarioDetector {

    /** The scenario types of issue 12, each one detector. */
    public static final List<Function<Consumer<Scenario>, ScenarioDetector>> STANDARD = List.of(
            HardBrakingDetector::new, HighSpeedDetector::new, StandstillDetector::new, TurnDetector::new);

    /** The scenario types {@link #STANDARD} finds, for validating filters. */
    public static final List<String> TYPES = List.of(HardBrakingDetector.TYPE, HighSpeedDetector.TYPE,
            StandstillDetector.TYPE, TurnDetector.LEFT, TurnDetector.RIGHT);

    private final List<ScenarioDetector> detectors = new ArrayList<>();

    public ScenarioDetectors(List<Function<Consumer<Scenario>, ScenarioDetector>> kinds, Consumer<Scenario> found) {
        kinds.forEach(kind -> detectors.add(kind.apply(found)));
    }

    @Override
    public void speed(long epochNanos, double metresPerSecond) {
        detectors.forEach(d -> d.speed(epochNanos, metresPerSecond));
    }

    @Override
    public void heading(long epochNanos, double degrees) {
        detectors.forEach(d -> d.heading(epochNanos, degrees));
    }

    @Override
    public void finish() {
        detectors.forEach(ScenarioDetector::finish);
    }
}
