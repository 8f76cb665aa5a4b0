package io.fleet.cloud.ingest.scenario;

import static io.fleet.cloud.ingest.scenario.ScenarioSeries.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandstillDetectorTest {

    @Test
    void belowPoint3MetresPerSecondForTenSecondsIsAStandstill() {
        // 1.3 m/s at 0 s to 0.1 at 1 s: below 0.3 from 0.833 s; rises through 0.3 at 12.2 s
        List<Scenario> found = new ScenarioSeries().speed(0, 1.3, 1, 0.1, 6, 0, 12, 0.1, 13, 4.1)
                .run(StandstillDetector::new);

        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("standstill");
            assertThat(s.start()).isBetween(at(1 - 1.0 / 6 - 1e-6), at(1 - 1.0 / 6 + 1e-6));
            assertThat(s.end()).isBetween(at(12.05 - 1e-6), at(12.05 + 1e-6));
            assertThat(s.values().get("maxSpeed")).isEqualTo(0.1);
        });
    }

    @Test
    void exactly0Point3IsNotStandingStillSoItSplitsTheRun() {
        assertThat(new ScenarioSeries().speed(0, 0, 6, 0, 6.5, 0.3, 7, 0, 13, 0).run(StandstillDetector::new))
                .isEmpty();
        assertThat(new ScenarioSeries().speed(0, 0, 6, 0, 6.5, 0.29, 7, 0, 13, 0).run(StandstillDetector::new))
                .hasSize(1);
    }

    @Test
    void nineSecondsIsNone() {
        assertThat(new ScenarioSeries().speed(0, 0, 9, 0, 10, 5).run(StandstillDetector::new)).isEmpty();
    }
}
