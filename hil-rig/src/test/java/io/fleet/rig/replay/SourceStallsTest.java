package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.MS;
import static io.fleet.rig.replay.Frames.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.LoopbackOutput;
import io.fleet.rig.source.InMemoryRecordSource;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Source stalls: the sender waiting because the reader has not queued its next record yet. On a virtual clock, a
 * source that holds back chosen records until the sender waits for them, then takes 30 ms of clock time to "read"
 * each.
 */
class SourceStallsTest {

    private static final long T0 = 5_000 * MS;
    private static final long STALL = 30 * MS;
    private final VirtualClock clock = new VirtualClock(T0);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory recordingThreads = runnable -> {
        Thread thread = ReplaySession.defaultThreads().newThread(runnable);
        threads.add(thread);
        return thread;
    };

    @ParameterizedTest
    @EnumSource(value = SenderMode.class, names = {"PER_OUTPUT", "SHARED"})
    void aWaitForTheSourceIsCountedWithItsLengthAndWhetherItBeganInTheFirstSecond(SenderMode mode)
            throws Exception {
        // frames every 100 ms for 2 s; the ones at 500 ms and 1500 ms come 30 ms after the sender has run dry
        LoopbackOutput out = new LoopbackOutput("A").stampedBy(clock);
        InMemoryRecordSource source = new InMemoryRecordSource("stalling", 21, i -> {
            if (i == 5 || i == 15) {
                awaitSenderWaitingAfter(out, i);
                clock.advance(STALL);
            }
            return at(100L * i, 1, 0x100, i);
        });
        ReplayOptions options = ReplayOptions.defaults().withTiming(64, 0, 0, 1).withPrefill(200 * MS);
        ReplaySession session = new ReplaySession(source, List.<BusOutput>of(out), options, clock, recordingThreads,
                SendObserver.NONE, mode);

        session.start();
        OutputReport report = session.awaitResult().outputs().get(0);

        assertThat(report.sourceStalls()).isEqualTo(new SourceStalls(2, 2 * STALL, STALL));
        assertThat(report.firstSecondSourceStalls()).isEqualTo(new SourceStalls(1, STALL, STALL));
        assertThat(report.sent()).isEqualTo(21);
    }

    @Test
    void aSourceThatKeepsAheadCausesNoStalls() throws Exception {
        InMemoryRecordSource source = new InMemoryRecordSource("ahead", 21, i -> at(100L * i, 1, 0x100, i));
        ReplaySession session = new ReplaySession(source, List.<BusOutput>of(new LoopbackOutput("A").stampedBy(clock)),
                ReplayOptions.defaults().withTiming(64, 0, 0, 1), clock, recordingThreads, SendObserver.NONE);

        session.start();

        assertThat(session.awaitResult().outputs().get(0).sourceStalls()).isEqualTo(SourceStalls.NONE);
    }

    @Test
    void onlyTheWaitOnTheTimelineCountsAndTheFirstSecondIsOfTheTimeline() {
        ReplayTimeline timeline = new ReplayTimeline(clock, 1.0, 0);
        timeline.start(10 * MS); // t=0 at T0 + 10 ms
        OutputLane lane = new OutputLane(new LoopbackOutput("A"), new ArrayBlockingQueue<>(4), timeline, 1,
                SendObserver.NONE);

        clock.advance(5 * MS);
        lane.countStall(T0); // ended before t=0: no stall
        clock.advance(10 * MS);
        lane.countStall(T0); // 5 ms of it after t=0, in the first second
        clock.advance(2_000 * MS);
        lane.countStall(clock.nanoTime() - 7 * MS); // 7 ms, 2 s into the timeline

        OutputStats stats = lane.stats();
        assertThat(stats.report().sourceStalls()).isEqualTo(new SourceStalls(2, 12 * MS, 7 * MS));
        assertThat(stats.report().firstSecondSourceStalls()).isEqualTo(new SourceStalls(1, 5 * MS, 5 * MS));
    }

    /**
     * Blocks the reader until the sender has sent {@code sent} records and then waits for the next one (parked: the
     * virtual clock never parks). Counting first matters: a sender just woken from its previous wait still shows as
     * waiting until it runs.
     */
    private void awaitSenderWaitingAfter(LoopbackOutput out, int sent) {
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < giveUp) {
            for (Thread thread : out.sent().size() < sent ? List.<Thread>of() : threads) {
                if (thread.getName().startsWith(ReplaySession.SENDER_THREAD_PREFIX)
                        && thread.getState() == Thread.State.WAITING) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("no sender waited for the source within 10 s");
    }
}
