package io.fleet.cloud.ingest.scenario;

import static io.fleet.cloud.ingest.scenario.ScenarioSeries.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TurnDetectorTest {

    /** 330 degrees until 5 s, +10 degrees/s across north to 40 degrees at 12 s, then straight. */
    private static double acrossNorth(double t) {
        return t <= 5 ? 330 : t >= 12 ? 40 : (330 + 10 * (t - 5)) % 360;
    }

    @Test
    void aRightTurnAcrossNorthSpansTheChange() {
        List<Scenario> found = new ScenarioSeries().speedEvery(1, 0, 20, t -> 10)
                .headingEvery(1, 0, 20, TurnDetectorTest::acrossNorth).run(TurnDetector::new);

        assertThat(found).singleElement().satisfies(turn -> {
            assertThat(turn.type()).isEqualTo("right-turn");
            assertThat(turn.start()).isEqualTo(at(5));
            assertThat(turn.end()).isEqualTo(at(12));
            assertThat(turn.values().get("headingChange")).isCloseTo(70, within(1e-9));
            assertThat(turn.values().get("startHeading")).isCloseTo(330, within(1e-9));
            assertThat(turn.values().get("endHeading")).isCloseTo(40, within(1e-9));
        });
    }

    @Test
    void aDecreasingHeadingIsALeftTurn() {
        List<Scenario> found = new ScenarioSeries().speedEvery(1, 0, 20, t -> 8)
                .headingEvery(0.5, 0, 20, t -> t <= 2 ? 20 : t >= 11 ? 290 : (20 - 10 * (t - 2) + 360) % 360)
                .run(TurnDetector::new);

        assertThat(found).singleElement().satisfies(turn -> {
            assertThat(turn.type()).isEqualTo("left-turn");
            assertThat(turn.start()).isEqualTo(at(2));
            assertThat(turn.end()).isEqualTo(at(11));
            assertThat(turn.values().get("headingChange")).isCloseTo(90, within(1e-9));
        });
    }

    @Test
    void sixtyDegreesOverMoreThanFifteenSecondsIsNone() {
        assertThat(new ScenarioSeries().speedEvery(1, 0, 30, t -> 10)
                .headingEvery(1, 0, 30, t -> 100 + 3.5 * t).run(TurnDetector::new)).isEmpty();
    }

    @Test
    void speedDroppingBelowTwoMetresPerSecondMidTurnSplitsItIntoTwoTooSmallChanges() {
        ScenarioSeries turnAt10DegreesPerSecond = new ScenarioSeries()
                .headingEvery(0.5, 0, 20, t -> t <= 5 ? 0 : t >= 14 ? 90 : 10 * (t - 5));
        assertThat(turnAt10DegreesPerSecond.speedEvery(0.5, 0, 20, t -> 10).run(TurnDetector::new))
                .as("the same turn without the slow moment").hasSize(1);

        List<Scenario> found = new ScenarioSeries()
                .headingEvery(0.5, 0, 20, t -> t <= 5 ? 0 : t >= 14 ? 90 : 10 * (t - 5))
                .speedEvery(0.5, 0, 20, t -> t == 9.5 ? 1.9 : 10).run(TurnDetector::new);
        assertThat(found).isEmpty();
    }

    @Test
    void aTurnBeforeTheSpeedDropsStillCounts() {
        List<Scenario> found = new ScenarioSeries().headingEvery(1, 0, 20, t -> t <= 2 ? 180 : 180 + 10 * (t - 2))
                .speedEvery(1, 0, 20, t -> t < 10 ? 10 : 0).run(TurnDetector::new);

        assertThat(found).singleElement().satisfies(turn -> {
            assertThat(turn.type()).isEqualTo("right-turn");
            assertThat(turn.end()).isEqualTo(at(9));
            assertThat(turn.values().get("headingChange")).isCloseTo(70, within(1e-9));
        });
    }

    @Test
    void noHeadingCountsBeforeTheFirstSpeedSample() {
        assertThat(new ScenarioSeries().headingEvery(1, 0, 10, t -> 10 * t).speed(10, 10).run(TurnDetector::new))
                .isEmpty();
    }
}
