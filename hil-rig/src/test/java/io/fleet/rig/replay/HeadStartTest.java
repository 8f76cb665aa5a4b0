package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.MS;
import static io.fleet.rig.replay.Frames.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.LoopbackOutput;
import io.fleet.rig.source.InMemoryRecordSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader's head start ({@link ReplayOptions#prefillNanos()}): on a virtual clock, a source that takes 1 ms of
 * clock time per record while the head start is being read. The timeline may start only after the reader has queued
 * the pre-fill, and lateness is measured from that later start.
 */
class HeadStartTest {

    private static final long T0 = 5_000 * MS;
    private final VirtualClock clock = new VirtualClock(T0);
    /** No spinning and no lead: the timeline starts the moment the head start is reached. */
    private final ReplayOptions exact = ReplayOptions.defaults().withTiming(64, 0, 0, 1);

    @Test
    void theTimelineStartsOnlyOnceTheQueueHoldsThePrefill() throws Exception {
        // frames every 10 ms; the first 11 (0..100 ms, the last one ending the 100 ms pre-fill) take 1 ms each to read
        LoopbackOutput out = new LoopbackOutput("A").stampedBy(clock);

        ReplaySession session = replay(slowFirst(21, 11), exact.withPrefill(100 * MS), out);

        assertThat(session.timeline().startNanos()).isEqualTo(T0 + 11 * MS);
        assertThat(out.sent().get(0).sentAtNanos()).isEqualTo(T0 + 11 * MS);
        assertThat(out.sent()).extracting(s -> (s.sentAtNanos() - session.timeline().startNanos()) / MS)
                .containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L, 110L, 120L, 130L, 140L,
                        150L, 160L, 170L, 180L, 190L, 200L);
        assertThat(session.awaitResult().outputs().get(0).lateness().getMaxValue()).isZero();
    }

    @Test
    void thePrefillIsOfTheTimelineSoAFasterReplayReadsMoreOfTheLog() throws Exception {
        // at speed 2, 100 ms of the timeline is 200 ms of the log: 21 records (0..200 ms) are read before the start
        ReplaySession session = replay(slowFirst(41, 21), exact.withSpeed(2.0).withPrefill(100 * MS),
                new LoopbackOutput("A").stampedBy(clock));

        assertThat(session.timeline().startNanos()).isEqualTo(T0 + 21 * MS);
    }

    @Test
    void aFullQueueEndsTheHeadStartEarly() throws Exception {
        // 4 records fill the queue; reading the fifth finds it full
        ReplaySession session = replay(slowFirst(21, 21), exact.withTiming(4, 0, 0, 1).withPrefill(100 * MS),
                new LoopbackOutput("A").stampedBy(clock));

        assertThat(session.timeline().startNanos()).isEqualTo(T0 + 5 * MS);
        assertThat(session.awaitResult().sent()).isEqualTo(21);
    }

    @Test
    void aLogShorterThanThePrefillStartsWhenItHasBeenRead() throws Exception {
        LoopbackOutput out = new LoopbackOutput("A").stampedBy(clock);

        ReplaySession session = replay(slowFirst(5, 5), exact.withPrefill(1_000 * MS), out);

        assertThat(session.timeline().startNanos()).isEqualTo(T0 + 5 * MS);
        assertThat(session.awaitResult().sent()).isEqualTo(5);
    }

    @Test
    void withoutPrefillTheTimelineStartsAsSoonAsTheFirstRecordIsRead() throws Exception {
        ReplaySession session = replay(slowFirst(3, 1), exact.withPrefill(0), new LoopbackOutput("A")
                .stampedBy(clock));

        assertThat(session.timeline().startNanos()).isEqualTo(T0 + MS);
    }

    /** {@code count} frames 10 ms apart; reading each of the first {@code slow} takes 1 ms of clock time. */
    private InMemoryRecordSource slowFirst(int count, int slow) {
        return new InMemoryRecordSource("slow", count, i -> {
            if (i < slow) {
                clock.advance(MS);
            }
            return at(10L * i, 1, 0x100, i);
        });
    }

    private ReplaySession replay(InMemoryRecordSource source, ReplayOptions options, LoopbackOutput out)
            throws Exception {
        ReplaySession session = new ReplaySession(source, List.<BusOutput>of(out), options, clock,
                ReplaySession.defaultThreads(), SendObserver.NONE);
        session.start();
        session.awaitResult();
        return session;
    }
}
