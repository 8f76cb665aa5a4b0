package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.MS;
import static io.fleet.rig.replay.Frames.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.LoopbackOutput;
import io.fleet.rig.report.KpiReport;
import io.fleet.rig.report.KpiReports;
import io.fleet.rig.source.InMemoryRecordSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KPIs keep the lateness of the frames due in the first second of the timeline apart from the whole run's, so a
 * slow start (a fresh JVM) shows even when the run's percentiles hide it. On a virtual clock: every send takes the
 * time its frame's tag says, which is exactly that frame's lateness.
 */
class FirstSecondLatenessTest {

    private static final long US = 1_000;
    private static final long SLOW_SEND = 300 * US;
    private static final long FAST_SEND = 20 * US;
    private final VirtualClock clock = new VirtualClock(5_000 * MS);
    private final ReplayOptions exact = ReplayOptions.defaults().withTiming(16, 0, 0, 1);

    @Test
    void framesDueInTheFirstSecondAreSummarizedApartFromTheWholeRun() throws Exception {
        List<CanFrame> log = List.of(at(0, 1, 0x100, 1), at(400, 1, 0x100, 1), at(900, 1, 0x100, 1),
                at(999, 1, 0x100, 1), at(1000, 1, 0x100, 0), at(1500, 1, 0x100, 0), at(2000, 1, 0x100, 0),
                at(2500, 1, 0x100, 0), at(3000, 1, 0x100, 0));

        KpiReport.OutputKpi kpi = replay(log, exact);

        assertThat(kpi.latenessFirstSecond().count()).isEqualTo(4);
        assertThat(kpi.latenessFirstSecond().p50Micros()).isBetween(299.0, 301.0);
        assertThat(kpi.latenessFirstSecond().maxMicros()).isBetween(299.0, 301.0);
        assertThat(kpi.lateness().count()).isEqualTo(9);
        assertThat(kpi.lateness().p50Micros()).isBetween(19.0, 21.0);
        assertThat(kpi.lateness().maxMicros()).isBetween(299.0, 301.0);
    }

    @Test
    void theFirstSecondIsOfTheTimelineNotOfTheLog() throws Exception {
        // at speed 2 a frame 1.998 s into the log is due 0.999 s into the timeline; one 2 s into it is not
        List<CanFrame> log = List.of(at(0, 1, 0x100, 1), at(1000, 1, 0x100, 1), at(1998, 1, 0x100, 1),
                at(2000, 1, 0x100, 0), at(3000, 1, 0x100, 0));

        KpiReport.OutputKpi kpi = replay(log, exact.withSpeed(2.0));

        assertThat(kpi.latenessFirstSecond().count()).isEqualTo(3);
        assertThat(kpi.latenessFirstSecond().p50Micros()).isBetween(299.0, 301.0);
        assertThat(kpi.lateness().count()).isEqualTo(5);
        assertThat(kpi.lateness().p50Micros()).isBetween(299.0, 301.0);
        assertThat(kpi.lateness().buckets().stream().filter(b -> b.upToMicros() == 32).findFirst().orElseThrow()
                .count()).isEqualTo(2);
    }

    @Test
    void aRunShorterThanASecondIsAllFirstSecond() throws Exception {
        KpiReport.OutputKpi kpi = replay(List.of(at(0, 1, 0x100, 0), at(10, 1, 0x100, 1)), exact);

        assertThat(kpi.latenessFirstSecond().count()).isEqualTo(2);
        assertThat(kpi.latenessFirstSecond()).isEqualTo(kpi.lateness());
    }

    private KpiReport.OutputKpi replay(List<CanFrame> log, ReplayOptions options) throws Exception {
        LoopbackOutput out = new LoopbackOutput("A").stampedBy(clock).failingWhen(record -> {
            clock.advance(((CanFrame) record).byteAt(0) == 1 ? SLOW_SEND : FAST_SEND);
            return false;
        });
        ReplaySession session = new ReplaySession(InMemoryRecordSource.of("log", log), List.of(out), options, clock,
                ReplaySession.defaultThreads(), SendObserver.NONE);
        session.start();
        ReplayResult result = session.awaitResult();
        return KpiReports.build(result, List.of(), null, 0, Instant.EPOCH, options.speed()).outputs().get(0);
    }
}
