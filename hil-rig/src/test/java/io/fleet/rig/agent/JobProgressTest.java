package io.fleet.rig.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.rig.cli.RigCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress reports and the cancellation of a real replay run by the replay command (no service). */
class JobProgressTest {

    /** {@code frames} CAN frames 5 ms apart. */
    static String log(int frames) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            log.append(String.format(Locale.ROOT, "(%d.%06d) vcan0 123#%08X%n", 1_700_000_000 + i / 200,
                    (i % 200) * 5_000, i));
        }
        return log.toString();
    }

    private static int replay(Path log, JobProgress progress) {
        StringWriter out = new StringWriter();
        return RigCommands.replay(new String[] {"replay", log.toString(), "--no-progress", "--warm-up", "0",
            "--out", "A=loopback://a"}, new PrintWriter(out, true), new PrintWriter(out, true), progress);
    }

    @Test
    void aThreeSecondReplayReportsPercentFramesAndLatenessAtMostOnceASecond(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("3s.log"), log(600), StandardCharsets.UTF_8);
        List<Map<String, String>> reports = new CopyOnWriteArrayList<>();
        try (JobProgress progress = new JobProgress("job-1", details -> {
            reports.add(details);
            return CompletableFuture.completedFuture(null);
        })) {
            assertThat(replay(log, progress)).isZero();
        }
        assertThat(reports).hasSizeBetween(2, 3);
        assertThat(reports.get(0)).containsEntry("step", "replaying").containsKeys("percent", "frames",
                "latenessP99Us");
        long first = Long.parseLong(reports.get(0).get("percent"));
        long last = Long.parseLong(reports.get(reports.size() - 1).get("percent"));
        assertThat(first).isBetween(1L, 99L);
        assertThat(last).isGreaterThan(first);
    }

    @Test
    void aCancelStopsTheReplay(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("60s.log"), log(12_000), StandardCharsets.UTF_8);
        CountDownLatch underWay = new CountDownLatch(1);
        try (JobProgress progress = new JobProgress("job-2", details -> {
            underWay.countDown(); // the first progress report: the replay runs
            return CompletableFuture.completedFuture(null);
        })) {
            Thread canceller = new Thread(() -> {
                try {
                    underWay.await();
                } catch (InterruptedException e) {
                    return;
                }
                progress.cancel("cancelled by the test");
            });
            canceller.setDaemon(true);
            canceller.start();
            StringWriter out = new StringWriter();
            RigCommands.replay(new String[] {"replay", log.toString(), "--no-progress", "--warm-up", "0",
                "--out", "A=loopback://a"}, new PrintWriter(out, true), new PrintWriter(out, true), progress);
            assertThat(progress.cancelled()).isTrue();
            assertThat(out.toString()).doesNotContain("12000 sent");
        }
    }
}
