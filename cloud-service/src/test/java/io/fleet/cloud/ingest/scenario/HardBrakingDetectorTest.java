package io.fleet.cloud.ingest.scenario;

import static io.fleet.cloud.ingest.scenario.ScenarioSeries.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HardBrakingDetectorTest {

    /** 20 m/s until 0 s, then -4 m/s² to 12 m/s at 2 s: every window of 1 s from -0.25 s to 2.25 s drops >= 3. */
    private static double braking(double t) {
        return t <= 0 ? 20 : t >= 2 ? 12 : 20 - 4 * t;
    }

    @Test
    void oneEventSpansTheUnionOfOverlappingWindows() {
        List<Scenario> found = new ScenarioSeries().speedEvery(0.25, -3, 5, HardBrakingDetectorTest::braking)
                .run(HardBrakingDetector::new);

        assertThat(found).hasSize(1);
        Scenario braking = found.get(0);
        assertThat(braking.type()).isEqualTo("hard-braking");
        assertThat(braking.start()).isEqualTo(at(-0.25));
        assertThat(braking.end()).isEqualTo(at(2.25));
        assertThat(braking.values().get("startSpeed")).isCloseTo(20, within(1e-9));
        assertThat(braking.values().get("endSpeed")).isCloseTo(12, within(1e-9));
        assertThat(braking.values().get("maxDropInOneSecond")).isCloseTo(4, within(1e-9));
    }

    @Test
    void speedIsInterpolatedBetweenSparseSamples() {
        // the same braking with samples only at its corners: no two samples within a second drop 3 m/s
        List<Scenario> found = new ScenarioSeries().speed(-1, 20, 0, 20, 2, 12, 3, 12).run(HardBrakingDetector::new);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).start()).isBetween(at(-0.25 - 1e-6), at(-0.25 + 1e-6));
        assertThat(found.get(0).end()).isBetween(at(2.25 - 1e-6), at(2.25 + 1e-6));
        assertThat(found.get(0).values().get("maxDropInOneSecond")).isCloseTo(4, within(1e-9));
    }

    @Test
    void aDropWithinLessThanASecondThatRecoversCounts() {
        List<Scenario> found = new ScenarioSeries().speed(0, 20, 1, 20, 1.5, 16.5, 2, 20, 4, 20)
                .run(HardBrakingDetector::new);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).values().get("maxDropInOneSecond")).isCloseTo(3.5, within(1e-9));
        assertThat(found.get(0).start()).isBefore(at(1.5));
        assertThat(found.get(0).end()).isBeforeOrEqualTo(at(2));
    }

    @Test
    void brakingJustBelowThreeMetresPerSecondInASecondIsNone() {
        assertThat(new ScenarioSeries().speedEvery(0.1, 0, 6, t -> 20 - 2.9 * t).run(HardBrakingDetector::new))
                .isEmpty();
    }

    @Test
    void brakingsWhoseWindowsDoNotOverlapAreTwoEvents() {
        List<Scenario> found = new ScenarioSeries().speedEvery(0.1, 0, 10,
                t -> t < 1 ? 30 : t < 2 ? 30 - 5 * (t - 1) : t < 6 ? 25 : t < 7 ? 25 - 5 * (t - 6) : 20)
                .run(HardBrakingDetector::new);

        assertThat(found).extracting(Scenario::type).containsExactly("hard-braking", "hard-braking");
        assertThat(found.get(0).end()).isBefore(found.get(1).start());
        assertThat(found.get(0).start()).isBetween(at(0.5), at(1.1));
        assertThat(found.get(1).end()).isBetween(at(6.9), at(7.5));
    }
}
