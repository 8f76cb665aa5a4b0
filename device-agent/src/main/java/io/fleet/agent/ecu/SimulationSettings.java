package io.fleet.agent.ecu;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the simulated vehicle behaves: actuation times, an optional drive profile and failure injection.
 *
 * @param windowFullTravel time for a window from fully up to fully down
 * @param trunkTravel      time for the trunk to open or close
 * @param otherActuation   time for doors, lock, lights, climate and horn
 * @param driveProfile     speed steps applied one after another from start; empty for a parked car
 * @param failingPaths     command paths (e.g. {@code "trunk"}) whose actuation fails, to test FAILED outcomes
 */
public record SimulationSettings(Duration windowFullTravel, Duration trunkTravel, Duration otherActuation,
                                 List<SpeedStep> driveProfile, Set<String> failingPaths) {

    public SimulationSettings {
        Objects.requireNonNull(windowFullTravel, "windowFullTravel");
        Objects.requireNonNull(trunkTravel, "trunkTravel");
        Objects.requireNonNull(otherActuation, "otherActuation");
        driveProfile = List.copyOf(driveProfile);
        failingPaths = Set.copyOf(failingPaths);
    }

    /** Realistic timings: window 3 s full travel, trunk 2 s, everything else 200 ms. */
    public static SimulationSettings realistic() {
        return new SimulationSettings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200),
                List.of(), Set.of());
    }

    /** Timings a hundred times shorter, for tests. */
    public static SimulationSettings fast() {
        return new SimulationSettings(Duration.ofMillis(30), Duration.ofMillis(20), Duration.ofMillis(2),
                List.of(), Set.of());
    }

    public SimulationSettings withDriveProfile(List<SpeedStep> profile) {
        return new SimulationSettings(windowFullTravel, trunkTravel, otherActuation, profile, failingPaths);
    }

    public SimulationSettings withFailingPaths(Set<String> paths) {
        return new SimulationSettings(windowFullTravel, trunkTravel, otherActuation, driveProfile, paths);
    }

    /** Hold {@code speedKmh} for {@code duration}. */
    public record SpeedStep(Duration duration, int speedKmh) {
        public SpeedStep {
            Objects.requireNonNull(duration, "duration");
            if (speedKmh < 0) {
                throw new IllegalArgumentException("speed must be >= 0, got " + speedKmh);
            }
        }
    }
}
