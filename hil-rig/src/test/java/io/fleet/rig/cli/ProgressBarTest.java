package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.rig.output.LoopbackOutput;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.ReplayOptions;
import io.fleet.rig.replay.ReplayProgress;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.SendObserver;
import io.fleet.rig.source.InMemoryRecordSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ReplaySession session = new ReplaySession(InMemoryRecordSource.of("empty", List.of()),
            List.of(new LoopbackOutput("a")), ReplayOptions.defaults(), ReplayClock.system(),
            ReplaySession.defaultThreads(), SendObserver.NONE);

    @Test
    void showsShareOfTheTimelineWhenTheTotalIsKnown() {
        try (ProgressBar bar = new ProgressBar(session, new PrintWriter(new StringWriter()), 10_000_000_000L)) {
            String line = bar.line(new ReplayProgress(2_500_000_000L, 0, 20_000, 0), 8_000);

            assertThat(line).isEqualTo("[#######.......................]  25%  t=2.5/10.0s  8000 frames/s  dropped 0");
        }
    }

    @Test
    void showsTimeAndRateOnlyWhenTheTotalIsUnknown() {
        try (ProgressBar bar = new ProgressBar(session, new PrintWriter(new StringWriter()), -1)) {
            assertThat(bar.line(new ReplayProgress(1_000_000_000L, 0, 5, 1), 5))
                    .isEqualTo("t=1.0s  5 frames  5 frames/s  dropped 1");
        }
    }
}
