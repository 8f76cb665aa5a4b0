package io.fleet.rig.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.log.ReadStats;
import io.fleet.rig.capture.MatchRule;
import io.fleet.rig.capture.ResponseLatency;
import io.fleet.rig.replay.OutputReport;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.SourceStalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiReportTest {

    @TempDir
    Path dir;

    @Test
    void jsonCarriesCountsPercentilesResponsesAndTheSourceHash() throws Exception {
        Path source = dir.resolve("drive.log");
        Files.writeString(source, "abc");
        Histogram lateness = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            lateness.recordValue(i * 1_000L); // 1..1000 us
        }
        Histogram firstSecond = new Histogram(3);
        firstSecond.recordValue(7_000_000); // one frame due in the first second, 7 ms late
        Histogram response = new Histogram(3);
        response.recordValue(2_500_000);
        ReplayResult result = new ReplayResult("drive.log", 3_000_000_000L, 1010, 5, 3, 2, new ReadStats(1010, 0, 0),
                List.of(new OutputReport("A", 1000, 0, lateness, firstSecond, new long[] {400, 600},
                        new SourceStalls(3, 2_500_000, 2_000_000), new SourceStalls(2, 2_400_000, 2_000_000), null)),
                null);
        KpiReport report = KpiReports.build(result, List.of(new ResponseLatency(new MatchRule(0x7E0, 0x7E8), 4, 1,
                3, response)), KpiReports.sha256(source), Files.size(source), Instant.parse("2026-11-26T12:00:00Z"),
                1.0);

        Path json = dir.resolve("kpi.json");
        KpiReports.writeJson(report, json);
        JsonNode tree = new ObjectMapper().readTree(json.toFile());

        assertThat(tree.path("source").asText()).isEqualTo("drive.log");
        assertThat(tree.path("sourceSha256").asText())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(tree.path("durationSeconds").asDouble()).isEqualTo(3.0);
        assertThat(tree.path("totals").path("sent").asLong()).isEqualTo(1000);
        assertThat(tree.path("totals").path("unmapped").asLong()).isEqualTo(2);
        JsonNode output = tree.path("outputs").get(0);
        assertThat(output.path("name").asText()).isEqualTo("A");
        assertThat(output.path("dropped").asLong()).isZero();
        assertThat(output.path("lateness").path("p50Micros").asDouble()).isBetween(499.0, 501.0);
        assertThat(output.path("lateness").path("p99Micros").asDouble()).isBetween(989.0, 991.0);
        assertThat(output.path("lateness").path("p999Micros").asDouble()).isBetween(998.0, 1001.0);
        assertThat(output.path("lateness").path("maxMicros").asDouble()).isBetween(999.0, 1001.0);
        assertThat(output.path("latenessFirstSecond").path("count").asLong()).isEqualTo(1);
        assertThat(output.path("latenessFirstSecond").path("maxMicros").asDouble()).isBetween(6990.0, 7010.0);
        assertThat(output.path("sourceStalls").path("count").asLong()).isEqualTo(3);
        assertThat(output.path("sourceStalls").path("totalMicros").asDouble()).isEqualTo(2500.0);
        assertThat(output.path("sourceStalls").path("maxMicros").asDouble()).isEqualTo(2000.0);
        assertThat(output.path("sourceStallsFirstSecond").path("count").asLong()).isEqualTo(2);
        assertThat(output.path("sourceStallsFirstSecond").path("totalMicros").asDouble()).isEqualTo(2400.0);
        assertThat(output.path("framesPerSecond")).hasSize(2);
        JsonNode answers = tree.path("responses").get(0);
        assertThat(answers.path("rule").asText()).isEqualTo("0x7E0->0x7E8");
        assertThat(answers.path("unanswered").asLong()).isEqualTo(3);
        assertThat(answers.path("latency").path("maxMicros").asDouble()).isBetween(2499.0, 2502.0);
        assertThat(KpiReports.readJson(json).outputs().get(0).sent()).isEqualTo(1000);
    }

    @Test
    void htmlIsSelfContainedWithInlineCharts() {
        Histogram lateness = new Histogram(3);
        lateness.recordValue(3_000);
        ReplayResult result = new ReplayResult("a<b>.log", 1_000_000_000L, 1, 0, 0, 0, new ReadStats(1, 0, 0),
                List.of(new OutputReport("A", 1, 0, lateness, lateness, new long[] {1}, SourceStalls.NONE,
                        SourceStalls.NONE, null)), null);

        String html = HtmlReportRenderer.render(KpiReports.build(result, List.of(), "00", 1, Instant.EPOCH, 1.0));

        assertThat(html).contains("<svg", "<rect", "<polyline", "a&lt;b&gt;.log", "<td>first second</td>",
                "<th>source stalls</th>");
        assertThat(html).doesNotContain("<script", "http://", "https://");
    }
}
