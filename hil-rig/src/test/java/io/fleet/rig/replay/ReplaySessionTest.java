package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.MS;
import static io.fleet.rig.replay.Frames.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.LoopbackOutput;
import io.fleet.rig.source.InMemoryRecordSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Scheduling semantics on a virtual clock: exact deadlines, no sleeping, no wall-clock assertions. */
class ReplaySessionTest {

    private static final long T0 = 5_000 * MS;
    private final VirtualClock clock = new VirtualClock(T0);
    /** No spinning and no lead: every deadline is hit exactly on the virtual clock. */
    private final ReplayOptions exact = ReplayOptions.defaults().withTiming(16, 0, 0, 1);

    private static final List<CanFrame> LOG = List.of(
            at(0, 1, 0x100, 0), at(10, 1, 0x101, 1), at(25, 2, 0x200, 2), at(40, 1, 0x7E0, 3), at(60, 3, 0x300, 4));

    @Test
    void sendsEveryRecordAtItsOffsetFromTheFirstRecord() throws Exception {
        LoopbackOutput out = loopback("A");

        ReplayResult result = replay(LOG, exact, out);

        assertThat(sentOffsetsMillis(out)).containsExactly(0L, 10L, 25L, 40L, 60L);
        assertThat(tags(out)).containsExactly(0, 1, 2, 3, 4);
        assertThat(result.sent()).isEqualTo(5);
        assertThat(result.dropped()).isZero();
        assertThat(result.outputs().get(0).lateness().getMaxValue()).isZero();
    }

    @Test
    void speedFactorCompressesTheTimeline() throws Exception {
        LoopbackOutput out = loopback("A");

        replay(LOG, exact.withSpeed(2.0), out);

        assertThat(sentOffsetsMillis(out)).containsExactly(0L, 5L, 12L, 20L, 30L);
    }

    @Test
    void windowSkipsOutsideRecordsAndItsFirstRecordMapsToStart() throws Exception {
        LoopbackOutput out = loopback("A");

        ReplayResult result = replay(LOG, exact.withWindow(10 * MS, 40 * MS), out);

        assertThat(tags(out)).containsExactly(1, 2, 3);
        assertThat(sentOffsetsMillis(out)).containsExactly(0L, 15L, 30L);
        assertThat(result.outsideWindow()).isEqualTo(1);
    }

    @Test
    void loopsContinueTheTimelineAfterAGap() throws Exception {
        LoopbackOutput out = loopback("A");
        List<CanFrame> log = List.of(at(0, 1, 0x100, 0), at(10, 1, 0x100, 1));

        replay(log, exact.withLoops(3, 5 * MS), out);

        assertThat(sentOffsetsMillis(out)).containsExactly(0L, 10L, 15L, 25L, 30L, 40L);
    }

    @Test
    void loopingForeverRunsUntilStoppedWithAContinuousTimeline() throws Exception {
        ReplaySession[] session = new ReplaySession[1];
        AtomicInteger sends = new AtomicInteger();
        LoopbackOutput out = loopback("A").failingWhen(record -> {
            if (sends.incrementAndGet() == 12) {
                session[0].stop();
            }
            return false;
        });
        List<CanFrame> log = List.of(at(0, 1, 0x100, 0), at(10, 1, 0x100, 1));
        session[0] = new ReplaySession(InMemoryRecordSource.of("log", log), List.of(out),
                exact.withLoops(0, 5 * MS), clock, ReplaySession.defaultThreads(), SendObserver.NONE);

        session[0].start();
        ReplayResult result = session[0].awaitResult();

        assertThat(result.sent()).isGreaterThanOrEqualTo(12);
        assertThat(sentOffsetsMillis(out).subList(0, 6)).containsExactly(0L, 10L, 15L, 25L, 30L, 40L);
        assertThat(sentOffsetsMillis(out)).isSorted();
    }

    @Test
    void idFilterIncludesRangesAndExcludesIds() throws Exception {
        LoopbackOutput out = loopback("A");

        ReplayResult result = replay(LOG, exact.withFilter(IdFilter.parse(List.of("0x100-0x2FF,!0x101"))), out);

        assertThat(tags(out)).containsExactly(0, 2);
        assertThat(result.filtered()).isEqualTo(3);
    }

    @Test
    void channelMapRoutesChannelsToOutputsAndCountsUnmapped() throws Exception {
        LoopbackOutput a = loopback("A");
        LoopbackOutput b = loopback("B");

        ReplayResult result = replay(LOG, exact.withChannelMap(ChannelMap.parse(List.of("1=A", "2=B"))), a, b);

        assertThat(tags(a)).containsExactly(0, 1, 3);
        assertThat(tags(b)).containsExactly(2);
        assertThat(result.unmapped()).isEqualTo(1);
        assertThat(result.outputs()).extracting(OutputReport::sent).containsExactly(3L, 1L);
    }

    @Test
    void oneSharedSenderServesEveryOutputAtItsDeadlinesWithItsOwnHistogram() throws Exception {
        LoopbackOutput a = loopback("A");
        LoopbackOutput b = loopback("B");
        LoopbackOutput c = loopback("C");
        ReplaySession session = new ReplaySession(InMemoryRecordSource.of("log", LOG), List.of(a, b, c),
                exact.withChannelMap(ChannelMap.parse(List.of("1=A", "2=B", "3=C"))), clock,
                ReplaySession.defaultThreads(), SendObserver.NONE, SenderMode.SHARED);

        session.start();
        ReplayResult result = session.awaitResult();

        assertThat(session.sharedSender()).isTrue();
        assertThat(sentOffsetsMillis(a)).containsExactly(0L, 10L, 40L);
        assertThat(sentOffsetsMillis(b)).containsExactly(25L);
        assertThat(sentOffsetsMillis(c)).containsExactly(60L);
        assertThat(result.dropped()).isZero();
        assertThat(result.outputs()).extracting(OutputReport::name).containsExactly("A", "B", "C");
        assertThat(result.outputs()).extracting(o -> o.lateness().getTotalCount()).containsExactly(3L, 1L, 1L);
    }

    @Test
    void aSharedSenderNeverDropsWhenTheQueuesAreFull() throws Exception {
        LoopbackOutput a = loopback("A");
        LoopbackOutput b = loopback("B");
        List<CanFrame> log = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            log.add(at(i, 1 + i % 2, 0x100, i));
        }
        ReplaySession session = new ReplaySession(InMemoryRecordSource.of("log", log), List.of(a, b),
                exact.withTiming(2, 0, 0, 1).withChannelMap(ChannelMap.parse(List.of("1=A", "2=B"))), clock,
                ReplaySession.defaultThreads(), SendObserver.NONE, SenderMode.SHARED);

        session.start();
        ReplayResult result = session.awaitResult();

        assertThat(result.outputs()).extracting(OutputReport::sent).containsExactly(1_000L, 1_000L);
        assertThat(result.dropped()).isZero();
        assertThat(a.sent().stream().map(s -> s.record().timestampNanos()).toList()).isSorted();
        assertThat(b.sent().stream().map(s -> s.record().timestampNanos()).toList()).isSorted();
    }

    @Test
    void mapNamingAnUnknownOutputIsRejected() {
        assertThatThrownBy(() -> new ReplaySession(InMemoryRecordSource.of("log", LOG), List.of(loopback("A")),
                exact.withChannelMap(new ChannelMap(Map.of(1, "Z"))), clock, ReplaySession.defaultThreads(),
                SendObserver.NONE)).hasMessageContaining("output 'Z'");
    }

    @Test
    void pauseShiftsLaterDeadlinesByThePausedTime() throws Exception {
        ReplaySession[] session = new ReplaySession[1];
        LoopbackOutput out = loopback("A").failingWhen(record -> {
            if (((CanFrame) record).byteAt(0) == 2) {
                session[0].pause(); // on the sender thread, right before frame 2 goes out
                clock.advance(1_000 * MS);
                session[0].resume();
            }
            return false;
        });
        session[0] = new ReplaySession(InMemoryRecordSource.of("log", LOG), List.of(out), exact, clock,
                ReplaySession.defaultThreads(), SendObserver.NONE);

        session[0].start();
        session[0].awaitResult();

        assertThat(sentOffsetsMillis(out)).containsExactly(0L, 10L, 1025L, 1040L, 1060L);
    }

    @Test
    void sendErrorsCountAsDroppedAndReplayGoesOn() throws Exception {
        LoopbackOutput out = loopback("A").failingWhen(record -> ((CanFrame) record).byteAt(0) % 2 == 1);

        ReplayResult result = replay(LOG, exact, out);

        assertThat(result.sent()).isEqualTo(3);
        assertThat(result.dropped()).isEqualTo(2);
        assertThat(result.outputs().get(0).lastError()).contains("simulated send failure");
    }

    @Test
    void aFullQueueBlocksTheReaderInsteadOfDropping() throws Exception {
        LoopbackOutput out = loopback("A");
        List<CanFrame> log = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            log.add(at(i, 1, 0x100, i));
        }

        ReplayResult result = replay(log, exact.withTiming(2, 0, 0, 1), out);

        assertThat(result.sent()).isEqualTo(2_000);
        assertThat(result.dropped()).isZero();
        assertThat(out.sent().stream().map(s -> s.record().timestampNanos()).toList()).isSorted();
    }

    @Test
    void recordsDueTogetherAreHandedOverAsOneBatch() throws Exception {
        BatchCountingOutput out = new BatchCountingOutput();
        List<CanFrame> log = List.of(at(0, 1, 1, 0), at(5, 1, 2, 1), at(5, 1, 3, 2), at(5, 1, 4, 3), at(9, 1, 5, 4));
        ReplaySession session = new ReplaySession(InMemoryRecordSource.of("log", log), List.of(out),
                exact.withTiming(16, 0, 0, 8), clock, ReplaySession.defaultThreads(), SendObserver.NONE);
        session.start();
        // the reader must have queued everything before the first send for the batch to be deterministic
        ReplayResult result = session.awaitResult();

        assertThat(result.sent()).isEqualTo(5);
        assertThat(out.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
        assertThat(out.batchSizes).allMatch(size -> size <= 3);
    }

    @Test
    void aSourceFailureEndsTheReplayAfterWhatWasReadAndIsReported() throws Exception {
        LoopbackOutput out = loopback("A");
        RecordSource failing = new RecordSource() {
            @Override
            public io.fleet.model.log.LogReader open() {
                return new io.fleet.model.log.LogReader() {
                    private int n;

                    @Override
                    public BusRecord next() throws IOException {
                        if (n == 2) {
                            throw io.fleet.model.log.LogFormatException.atLine("bad.log", 3, "no '#'");
                        }
                        return LOG.get(n++);
                    }

                    @Override
                    public io.fleet.model.log.ReadStats stats() {
                        return new io.fleet.model.log.ReadStats(n, 0, 0);
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String name() {
                return "bad.log";
            }
        };
        ReplaySession session = new ReplaySession(failing, List.of(out), exact, clock, ReplaySession.defaultThreads(),
                SendObserver.NONE);

        session.start();
        ReplayResult result = session.awaitResult();

        assertThat(tags(out)).containsExactly(0, 1);
        assertThat(result.failure()).hasMessage("bad.log:3: no '#'");
    }

    private LoopbackOutput loopback(String name) {
        return new LoopbackOutput(name).stampedBy(clock);
    }

    private ReplayResult replay(List<CanFrame> log, ReplayOptions options, BusOutput... outputs) throws Exception {
        ReplaySession session = new ReplaySession(InMemoryRecordSource.of("log", log), List.of(outputs), options,
                clock, ReplaySession.defaultThreads(), SendObserver.NONE);
        session.start();
        return session.awaitResult();
    }

    private static List<Long> sentOffsetsMillis(LoopbackOutput out) {
        return out.sent().stream().map(s -> (s.sentAtNanos() - T0) / MS).toList();
    }

    private static List<Integer> tags(LoopbackOutput out) {
        return out.sent().stream().map(s -> ((CanFrame) s.record()).byteAt(0)).toList();
    }

    /** Counts how many records each sendBatch call carried. */
    private static final class BatchCountingOutput implements BusOutput {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "batch";
        }

        @Override
        public boolean accepts(BusRecord record) {
            return true;
        }

        @Override
        public void send(BusRecord record) {
            batchSizes.add(1);
        }

        @Override
        public void sendBatch(List<BusRecord> records) {
            batchSizes.add(records.size());
        }

        @Override
        public void close() {
        }
    }
}
