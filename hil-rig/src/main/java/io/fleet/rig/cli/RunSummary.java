package io.fleet.rig.cli;

import io.fleet.rig.capture.ResponseLatency;
import io.fleet.rig.failure.IoFailure;
import io.fleet.rig.replay.RecordSource;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.report.HtmlReportRenderer;
import io.fleet.rig.report.KpiReport;
import io.fleet.rig.report.KpiReports;
import io.fleet.rig.report.LatencySummary;
import io.fleet.rig.report.Verdict;
import io.fleet.rig.source.FileRecordSource;
import io.fleet.rig.source.S3RecordSource;
import io.fleet.rig.verdict.Criterion;
import io.fleet.rig.verdict.JunitReport;
import io.fleet.rig.verdict.Verdicts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns a finished replay into the printed summary, the verdict of its criteria ({@code --expect}, none when empty)
 * and the JSON/HTML/JUnit reports.
 */
record RunSummary(RecordSource source, ReplayResult result, List<ResponseLatency> responses, Instant startedAt,
                  double speed, List<Criterion> expect) {

    /** @return the verdict, or null without criteria */
    Verdict write(PrintWriter out, Path json, Path html, Path junit) throws IOException {
        Path file = localCopy();
        String sha256 = file == null ? null : KpiReports.sha256(file);
        long bytes = file == null ? 0 : Files.size(file);
        if (file == null && source instanceof S3RecordSource streamed) {
            sha256 = streamed.streamedSha256(); // null when the replay stopped before the object's end
            bytes = streamed.head().contentLength();
        }
        KpiReport report = KpiReports.build(result, responses, sha256, bytes, startedAt, speed);
        Verdict verdict = expect.isEmpty() ? null : Verdicts.judge(expect, report);
        report = report.withVerdict(verdict);
        out.printf(Locale.ROOT, "%s: %d read, %d sent, %d dropped, %d filtered, %d unmapped in %.3f s%n",
                report.source(), report.totals().read(), report.totals().sent(), report.totals().dropped(),
                report.totals().filtered(), report.totals().unmapped(), report.durationSeconds());
        for (KpiReport.OutputKpi o : report.outputs()) {
            out.printf(Locale.ROOT, "  %-12s sent %d dropped %d lateness %s; first second %s; source stalls %s, "
                    + "first second %s%n", o.name(), o.sent(), o.dropped(), percentiles(o.lateness()),
                    percentiles(o.latenessFirstSecond()), stalls(o.sourceStalls()),
                    stalls(o.sourceStallsFirstSecond()));
        }
        for (KpiReport.ResponseKpi r : report.responses()) {
            out.printf(Locale.ROOT, "  %-12s requests %d answered %d unanswered %d latency %s%n", r.rule(),
                    r.requests(), r.matched(), r.unanswered(), percentiles(r.latency()));
        }
        if (json != null) {
            try {
                KpiReports.writeJson(report, json);
            } catch (IOException e) {
                throw IoFailure.writing(json, e);
            }
            out.println("KPI report: " + json);
        }
        if (html != null) {
            try {
                Files.writeString(html, HtmlReportRenderer.render(report));
            } catch (IOException e) {
                throw IoFailure.writing(html, e);
            }
            out.println("HTML report: " + html);
        }
        if (verdict != null) {
            writeVerdict(out, verdict, report, junit);
        }
        return verdict;
    }

    private static void writeVerdict(PrintWriter out, Verdict verdict, KpiReport report, Path junit)
            throws IOException {
        out.printf(Locale.ROOT, "verdict: %s (%d of %d criteria failed)%n", verdict.passed() ? "PASS" : "FAIL",
                verdict.failures(), verdict.criteria().size());
        for (Verdict.Judged judged : verdict.criteria()) {
            out.printf(Locale.ROOT, "  %-4s %s: %s%n", judged.passed() ? "pass" : "FAIL", judged.criterion(),
                    judged.explanation());
        }
        if (junit != null) {
            try {
                JunitReport.write(verdict, "hil-rig replay " + report.source(), report.durationSeconds(), junit);
            } catch (IOException e) {
                throw IoFailure.writing(junit, e);
            }
            out.println("JUnit report: " + junit);
        }
    }

    static String percentiles(LatencySummary l) {
        return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us", l.p50Micros(),
                l.p99Micros(), l.p999Micros(), l.maxMicros());
    }

    static String stalls(KpiReport.Stalls s) {
        return String.format(Locale.ROOT, "%d (total %.1f us, max %.1f us)", s.count(), s.totalMicros(),
                s.maxMicros());
    }

    private Path localCopy() {
        if (source instanceof FileRecordSource file) {
            return file.file();
        }
        if (source instanceof S3RecordSource s3) {
            return s3.cachedFile();
        }
        return null;
    }
}
