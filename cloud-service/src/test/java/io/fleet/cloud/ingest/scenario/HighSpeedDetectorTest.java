package io.fleet.cloud.ingest.scenario;

import static io.fleet.cloud.ingest.scenario.ScenarioSeries.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighSpeedDetectorTest {

    @Test
    void aRunAbove100KmhOfFiveSecondsStartsAndEndsWhereTheSpeedCrossesIt() {
        // 25 m/s at 0 s, 30 m/s from 1 s to 7 s, 25 m/s at 8 s: above 27.78 m/s from 0.556 s to 7.444 s
        List<Scenario> found = new ScenarioSeries().speed(0, 25, 1, 30, 4, 31, 7, 30, 8, 25)
                .run(HighSpeedDetector::new);

        assertThat(found).hasSize(1);
        Scenario fast = found.get(0);
        assertThat(fast.type()).isEqualTo("high-speed");
        double up = (100 / 3.6 - 25) / 5;
        double down = 7 + (30 - 100 / 3.6) / 5;
        assertThat(fast.start()).isBetween(at(up - 1e-6), at(up + 1e-6));
        assertThat(fast.end()).isBetween(at(down - 1e-6), at(down + 1e-6));
        assertThat(fast.values().get("maxSpeed")).isEqualTo(31);
        assertThat(fast.values().get("durationSeconds")).isCloseTo(down - up, within(1e-6));
    }

    @Test
    void aRunShorterThanFiveSecondsIsNone() {
        // above from 0.026 s to 4.974 s: the interpolated crossings, not the samples, bound the run
        assertThat(new ScenarioSeries().speed(0, 27, 0.1, 30, 4.9, 30, 5, 27).run(HighSpeedDetector::new)).isEmpty();
    }

    @Test
    void exactly100KmhCountsAndARunOpenAtTheEndOfTheLogEndsAtItsLastSample() {
        List<Scenario> found = new ScenarioSeries().speed(0, 100 / 3.6, 3, 35, 6, 100 / 3.6)
                .run(HighSpeedDetector::new);

        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.start()).isEqualTo(at(0));
            assertThat(s.end()).isEqualTo(at(6));
        });
    }
}
