package io.fleet.rig.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.CannelloniUdpOutput;
import io.fleet.rig.output.FakeCannelloniGateway;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.ReplayOptions;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.source.InMemoryRecordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DUT (behind a fake gateway) answers 0x7E0 with 0x7E8; the rig captures and pairs them. */
class CaptureAndMatchIT {

    @TempDir
    Path dir;

    @Test
    void capturesResponsesAndMeasuresTheirLatency() throws Exception {
        int frames = 200; // every 4th is a diagnostic request
        try (FakeCannelloniGateway dut = new FakeCannelloniGateway(frame -> frame.id() == 0x7E0
                ? List.of(CanFrame.classic(0, 1, 0x7E8, false, new byte[] {0x02, 0x41, (byte) frame.byteAt(0)}))
                : List.of());
             CannelloniUdpOutput out = new CannelloniUdpOutput("A", dut.address(), 0, 1, 1)) {
            InMemoryRecordSource source = new InMemoryRecordSource("diag", frames, i -> CanFrame.classic(
                    i * 500_000L, 1, i % 4 == 0 ? 0x7E0 : 0x123, false, new byte[] {(byte) i}));
            ResponseMatcher matcher = new ResponseMatcher(List.of(MatchRule.parse("0x7E0->0x7E8")), 1_000_000_000L);
            Path log = dir.resolve("capture.log");
            CaptureRecorder recorder = new CaptureRecorder(matcher, CaptureRecorder.systemEpochMinusClockNanos(),
                    log, List.of("A"));
            out.startReceiving(recorder, ReplayClock.system(), ReplaySession.defaultThreads());
            ReplaySession session = new ReplaySession(source, List.of(out), ReplayOptions.defaults(),
                    ReplayClock.system(), ReplaySession.defaultThreads(), matcher);

            session.start();
            ReplayResult result = session.awaitResult();
            awaitCaptured(recorder, frames / 4);

            assertThat(result.sent()).isEqualTo(frames);
            ResponseLatency latency = matcher.results().get(0);
            assertThat(latency.requests()).isEqualTo(50);
            assertThat(latency.matched()).isEqualTo(50);
            assertThat(latency.unanswered()).isZero();
            assertThat(latency.latency().getTotalCount()).isEqualTo(50);
            recorder.close();
            assertThat(recorder.written()).isEqualTo(50);
            assertThat(Files.readAllLines(log))
                    .allMatch(line -> line.matches("\\(\\d+\\.\\d{6,9}\\) A 7E8#0241[0-9A-F]{2}"));
        }
    }

    @Test
    void aMissingAnswerCountsAsUnansweredAndDoesNotShiftLaterPairs() {
        ResponseMatcher matcher = new ResponseMatcher(List.of(new MatchRule(0x7E0, 0x7E8)), 100);
        CanFrame request = CanFrame.classic(0, 1, 0x7E0, false, new byte[0]);
        CanFrame response = CanFrame.classic(0, 1, 0x7E8, false, new byte[0]);

        matcher.onSent("A", request, 1_000);   // never answered
        matcher.onSent("A", request, 2_000);
        matcher.onReceived(response, 2_030);

        ResponseLatency result = matcher.results().get(0);
        assertThat(result.requests()).isEqualTo(2);
        assertThat(result.matched()).isEqualTo(1);
        assertThat(result.unanswered()).isEqualTo(1);
        assertThat(result.latency().getMaxValue()).isEqualTo(30);
    }

    private static void awaitCaptured(CaptureRecorder recorder, int count) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> recorder.written() >= count);
    }
}
