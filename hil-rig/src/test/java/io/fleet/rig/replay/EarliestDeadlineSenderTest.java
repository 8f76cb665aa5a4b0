package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.MS;
import static io.fleet.rig.replay.Frames.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.LoopbackOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared sender on the test thread with a virtual clock: queues filled up front, so every decision is
 * deterministic; parking advances virtual time, no sleeping and no wall-clock assertions.
 */
class EarliestDeadlineSenderTest {

    private static final long T0 = 1_000 * MS;

    private final VirtualClock clock = new VirtualClock(T0);
    private final ReplayTimeline timeline = new ReplayTimeline(clock, 1.0, 0);
    private final PrefetchQueue.Arrivals arrivals = new PrefetchQueue.Arrivals();
    private final List<LoopbackOutput> outputs = new ArrayList<>();
    private final List<OutputLane> lanes = new ArrayList<>();

    @BeforeEach
    void startTimeline() {
        timeline.start(0);
    }

    @Test
    void sendsTheEarliestDeadlineAcrossOutputsAtItsDeadline() throws Exception {
        lanes("A", "B", "C");
        queue(0, 0, 0);
        queue(0, 30, 3);
        queue(1, 10, 1);
        queue(1, 45, 4);
        queue(2, 20, 2);
        endAll();

        run();

        assertThat(sendOrder()).containsExactly(0, 1, 2, 3, 4);
        assertThat(offsetsMillis(0)).containsExactly(0L, 30L);
        assertThat(offsetsMillis(1)).containsExactly(10L, 45L);
        assertThat(offsetsMillis(2)).containsExactly(20L);
    }

    @Test
    void keepsOneLatenessHistogramPerOutputAndDropsNothing() throws Exception {
        lanes("A", "B");
        for (int i = 0; i < 100; i++) {
            queue(i % 2, i, i);
        }
        endAll();

        run();

        for (OutputLane lane : lanes) {
            OutputReport report = lane.stats().report();
            assertThat(report.sent()).isEqualTo(50);
            assertThat(report.dropped()).isZero();
            assertThat(report.lateness().getTotalCount()).isEqualTo(50);
            assertThat(report.lateness().getMaxValue()).isZero();
        }
        assertThat(lanes).extracting(lane -> lane.stats().report().name()).containsExactly("A", "B");
    }

    @Test
    void aTieGoesToTheFirstOutputAndEachOutputKeepsItsOrder() throws Exception {
        lanes("A", "B");
        queue(1, 5, 1);
        queue(1, 5, 2);
        queue(0, 5, 0);
        queue(0, 8, 3);
        endAll();

        run();

        assertThat(sendOrder()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aRecordQueuedWhileWaitingForALaterOneIsSentFirstAtItsOwnDeadline() throws Exception {
        VirtualClock virtual = new VirtualClock(T0);
        ReplayClock injecting = new ReplayClock() {
            private boolean injected;

            @Override
            public long nanoTime() {
                return virtual.nanoTime();
            }

            @Override
            public void parkNanos(long nanos) {
                virtual.parkNanos(nanos);
                if (!injected) { // the reader queues an earlier record for B while A's sender is parked
                    injected = true;
                    lanes.get(1).queue().add(new ScheduledRecord(10 * MS, at(10, 1, 0x200, 1)));
                    lanes.get(1).queue().add(ScheduledRecord.END);
                }
            }

            @Override
            public void spinWait() {
                virtual.spinWait();
            }
        };
        ReplayTimeline timeline = new ReplayTimeline(injecting, 1.0, 0);
        timeline.start(0);
        lanes(timeline, "A", "B");
        queue(0, 50, 0);
        lanes.get(0).queue().add(ScheduledRecord.END);

        new EarliestDeadlineSender(lanes, timeline, arrivals).run();

        assertThat(outputs.get(1).sent().get(0).sentAtNanos() - T0).isEqualTo(10 * MS);
        assertThat(outputs.get(0).sent().get(0).sentAtNanos() - T0).isEqualTo(50 * MS);
    }

    @Test
    void aStoppedSenderDiscardsWhatIsQueuedAndEnds() throws Exception {
        lanes("A", "B");
        queue(0, 0, 0);
        queue(1, 10, 1);
        endAll();
        EarliestDeadlineSender sender = new EarliestDeadlineSender(lanes, timeline, arrivals);

        sender.stop();
        sender.run();

        assertThat(outputs).allMatch(out -> out.sent().isEmpty());
        assertThat(lanes).allMatch(lane -> lane.queue().isEmpty());
    }

    private void lanes(String... names) {
        lanes(timeline, names);
    }

    private void lanes(ReplayTimeline on, String... names) {
        for (String name : names) {
            LoopbackOutput out = new LoopbackOutput(name).stampedBy(on.clock());
            outputs.add(out);
            lanes.add(new OutputLane(out, new PrefetchQueue(256, arrivals), on, 1, SendObserver.NONE));
        }
    }

    private void queue(int lane, long millis, int tag) {
        CanFrame frame = at(millis, 1, 0x100 + lane, tag);
        lanes.get(lane).queue().add(new ScheduledRecord(millis * MS, frame));
    }

    private void endAll() {
        lanes.forEach(lane -> lane.queue().add(ScheduledRecord.END));
    }

    private void run() {
        new EarliestDeadlineSender(lanes, timeline, arrivals).run();
    }

    /** Tags of every output's records in the order they were sent. */
    private List<Integer> sendOrder() {
        return outputs.stream().flatMap(out -> out.sent().stream())
                .sorted(Comparator.comparingLong(LoopbackOutput.Sent::sentAtNanos)
                        .thenComparing(sent -> ((CanFrame) sent.record()).byteAt(0)))
                .map(sent -> ((CanFrame) sent.record()).byteAt(0)).toList();
    }

    private List<Long> offsetsMillis(int output) {
        return outputs.get(output).sent().stream().map(s -> (s.sentAtNanos() - T0) / MS).toList();
    }
}
