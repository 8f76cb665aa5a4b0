package io.fleet.rig.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleet.rig.capture.ResponseLatency;
import io.fleet.rig.replay.OutputReport;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.SourceStalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Builds a {@link KpiReport} from a replay's results and writes it as JSON. */
public final class KpiReports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KpiReports() {
    }

    public static KpiReport build(ReplayResult result, List<ResponseLatency> responses, String sha256,
                                  long sourceBytes, Instant startedAt, double speed) {
        List<KpiReport.OutputKpi> outputs = result.outputs().stream().map(KpiReports::output).toList();
        List<KpiReport.ResponseKpi> answers = responses.stream().map(r -> new KpiReport.ResponseKpi(
                r.rule().toString(), r.requests(), r.matched(), r.unanswered(), LatencySummary.of(r.latency())))
                .toList();
        KpiReport.Totals totals = new KpiReport.Totals(result.read(), result.sent(), result.dropped(),
                result.filtered(), result.unmapped(), result.outsideWindow());
        return new KpiReport(result.sourceName(), sha256, sourceBytes, startedAt.toString(),
                result.durationNanos() / 1e9, speed, totals, outputs, answers,
                result.failure() == null ? null : result.failure().toString(), null);
    }

    private static KpiReport.OutputKpi output(OutputReport report) {
        return new KpiReport.OutputKpi(report.name(), report.sent(), report.dropped(),
                LatencySummary.of(report.lateness()), LatencySummary.of(report.firstSecondLateness()),
                stalls(report.sourceStalls()), stalls(report.firstSecondSourceStalls()), report.framesPerSecond(),
                report.lastError());
    }

    private static KpiReport.Stalls stalls(SourceStalls stalls) {
        return new KpiReport.Stalls(stalls.count(), Math.round(stalls.totalNanos() / 10.0) / 100.0,
                Math.round(stalls.maxNanos() / 10.0) / 100.0);
    }

    public static void writeJson(KpiReport report, Path file) throws IOException {
        JSON.writeValue(file.toFile(), report);
    }

    public static KpiReport readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), KpiReport.class);
    }

    /** Hex SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
