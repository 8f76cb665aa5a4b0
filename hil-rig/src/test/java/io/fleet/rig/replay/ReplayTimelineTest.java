package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.MS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayTimelineTest {

    private final VirtualClock clock = new VirtualClock(1_000 * MS);

    @Test
    void deadlinesAreAbsoluteAndScaledBySpeed() {
        ReplayTimeline timeline = new ReplayTimeline(clock, 4.0, 0);
        timeline.start(50 * MS);

        assertThat(timeline.deadline(0)).isEqualTo(1_050 * MS);
        assertThat(timeline.deadline(400 * MS)).isEqualTo(1_150 * MS);
    }

    @Test
    void pausedTimeShiftsEveryLaterDeadline() {
        ReplayTimeline timeline = new ReplayTimeline(clock, 1.0, 0);
        timeline.start(0);
        clock.advance(100 * MS);

        timeline.pause();
        clock.advance(700 * MS);
        assertThat(timeline.elapsedNanos()).isEqualTo(100 * MS);
        timeline.resume();

        assertThat(timeline.deadline(200 * MS)).isEqualTo(1_900 * MS);
        assertThat(timeline.elapsedNanos()).isEqualTo(100 * MS);
    }

    @Test
    void awaitParksUntilTheSpinWindowThenSpinsToTheDeadline() {
        CountingClock counting = new CountingClock();
        ReplayTimeline timeline = new ReplayTimeline(counting, 1.0, 200_000);
        timeline.start(0);

        long woke = timeline.awaitDeadline(10 * MS);

        assertThat(woke).isEqualTo(timeline.deadline(10 * MS));
        assertThat(counting.parks).isEqualTo(1);
        assertThat(counting.spins).isEqualTo(200_000);
    }

    /** Virtual time where parking jumps and every spin costs one nanosecond. */
    private static final class CountingClock implements ReplayClock {
        long now;
        int parks;
        int spins;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkNanos(long nanos) {
            parks++;
            now += nanos;
        }

        @Override
        public void spinWait() {
            spins++;
            now++;
        }
    }
}
