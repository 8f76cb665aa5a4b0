package io.fleet.rig.report;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link KpiReport} as one self-contained HTML page: tables plus inline SVG charts (a lateness histogram
 * and a frames-per-second plot per output). No scripts and no external resources, so it opens anywhere, offline,
 * and can be attached to a test result as is.
 */
public final class HtmlReportRenderer {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 160;

    private HtmlReportRenderer() {
    }

    public static String render(KpiReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>HiL replay KPIs: ")
                .append(escape(report.source())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}svg{background:#fafafa;margin:4px 0}")
                .append("</style></head><body>\n");
        html.append("<h1>HiL replay KPIs</h1>\n<p>Source <code>").append(escape(report.source()))
                .append("</code>, SHA-256 <code>").append(escape(String.valueOf(report.sourceSha256())))
                .append("</code>, ").append(report.sourceBytes()).append(" bytes. Started ")
                .append(escape(report.startedAt())).append(", duration ")
                .append(format(report.durationSeconds())).append(" s at speed ").append(format(report.speed()))
                .append(".</p>\n");
        KpiReport.Totals t = report.totals();
        html.append("<p>Read ").append(t.read()).append(", sent ").append(t.sent()).append(", dropped ")
                .append(t.dropped()).append(", filtered ").append(t.filtered()).append(", unmapped ")
                .append(t.unmapped()).append(", outside window ").append(t.outsideWindow()).append(".</p>\n");
        if (report.failure() != null) {
            html.append("<p><strong>Stopped early: ").append(escape(report.failure())).append("</strong></p>\n");
        }
        if (report.verdict() != null) {
            html.append(verdictSection(report.verdict()));
        }
        html.append("<h2>Outputs</h2>\n<p>Lateness of every frame, and of the frames due in the first second of ")
                .append("the timeline; source stalls: how often and how long the sender waited for the reader.</p>\n")
                .append("<table><tr><th>output</th><th>frames</th><th>sent</th><th>dropped</th>")
                .append("<th>p50 us</th><th>p99 us</th><th>p99.9 us</th><th>max us</th>")
                .append("<th>source stalls</th><th>stalled us</th><th>longest stall us</th></tr>\n");
        for (KpiReport.OutputKpi o : report.outputs()) {
            html.append("<tr><td>").append(escape(o.name())).append("</td><td>whole run</td><td>").append(o.sent())
                    .append("</td><td>").append(o.dropped()).append("</td>").append(percentileCells(o.lateness()))
                    .append(stallCells(o.sourceStalls()))
                    .append("</tr>\n<tr><td>").append(escape(o.name())).append("</td><td>first second</td><td>")
                    .append(o.latenessFirstSecond().count()).append("</td><td></td>")
                    .append(percentileCells(o.latenessFirstSecond())).append(stallCells(o.sourceStallsFirstSecond()))
                    .append("</tr>\n");
        }
        html.append("</table>\n");
        for (KpiReport.OutputKpi o : report.outputs()) {
            html.append("<h3>").append(escape(o.name())).append(": lateness (count per bucket, us)</h3>\n")
                    .append(histogramSvg(o.lateness().buckets()))
                    .append("<h3>").append(escape(o.name())).append(": frames per second</h3>\n")
                    .append(rateSvg(o.framesPerSecond()));
        }
        if (!report.responses().isEmpty()) {
            html.append("<h2>Response latency</h2>\n<table><tr><th>rule</th><th>requests</th><th>matched</th>")
                    .append("<th>unanswered</th><th>p50 us</th><th>p99 us</th><th>p99.9 us</th><th>max us</th>")
                    .append("</tr>\n");
            for (KpiReport.ResponseKpi r : report.responses()) {
                html.append("<tr><td>").append(escape(r.rule())).append("</td><td>").append(r.requests())
                        .append("</td><td>").append(r.matched()).append("</td><td>").append(r.unanswered())
                        .append("</td>").append(percentileCells(r.latency())).append("</tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String verdictSection(Verdict verdict) {
        StringBuilder html = new StringBuilder("<h2>Verdict: ").append(verdict.passed() ? "PASS" : "FAIL")
                .append("</h2>\n<table><tr><th>criterion</th><th>result</th><th>measured</th></tr>\n");
        for (Verdict.Judged j : verdict.criteria()) {
            html.append("<tr><td>").append(escape(j.criterion())).append("</td><td>")
                    .append(j.passed() ? "pass" : "<strong>FAIL</strong>").append("</td><td>")
                    .append(escape(j.explanation())).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String percentileCells(LatencySummary l) {
        return "<td>" + format(l.p50Micros()) + "</td><td>" + format(l.p99Micros()) + "</td><td>"
                + format(l.p999Micros()) + "</td><td>" + format(l.maxMicros()) + "</td>";
    }

    private static String stallCells(KpiReport.Stalls s) {
        // a report written before stalls were counted has none
        return s == null ? "<td></td><td></td><td></td>" : "<td>" + s.count() + "</td><td>" + format(s.totalMicros())
                + "</td><td>" + format(s.maxMicros()) + "</td>";
    }

    /** Bars on a log scale of counts, so the rare late frames in the tail stay visible. */
    static String histogramSvg(List<LatencySummary.Bucket> buckets) {
        StringBuilder svg = svgStart();
        if (buckets.isEmpty()) {
            return svg.append("</svg>\n").toString();
        }
        double maxLog = buckets.stream().mapToDouble(b -> Math.log10(b.count() + 1.0)).max().orElse(1);
        double barWidth = (double) WIDTH / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            LatencySummary.Bucket b = buckets.get(i);
            double h = maxLog == 0 ? 0 : (HEIGHT - 20) * Math.log10(b.count() + 1.0) / maxLog;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab5\">"
                            + "<title>&lt;= %d us: %d</title></rect>",
                    i * barWidth + 1, HEIGHT - 14 - h, barWidth - 2, h, b.upToMicros(), b.count()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\">%d</text>",
                    i * barWidth + 2, HEIGHT - 2, b.upToMicros()));
        }
        return svg.append("</svg>\n").toString();
    }

    static String rateSvg(long[] perSecond) {
        StringBuilder svg = svgStart();
        long max = 1;
        for (long v : perSecond) {
            max = Math.max(max, v);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < perSecond.length; i++) {
            double x = perSecond.length == 1 ? WIDTH / 2.0 : (double) i * (WIDTH - 10) / (perSecond.length - 1) + 5;
            double y = HEIGHT - 14 - (HEIGHT - 30) * (double) perSecond[i] / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#c0504d\" stroke-width=\"2\" points=\"").append(points)
                .append("\"/>").append("<text x=\"4\" y=\"12\" font-size=\"10\">max ").append(max)
                .append(" frames/s</text><text x=\"4\" y=\"").append(HEIGHT - 2).append("\" font-size=\"10\">")
                .append(perSecond.length).append(" s</text>");
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder svgStart() {
        // inline SVG in HTML5 needs no xmlns, which keeps the page free of any URL
        return new StringBuilder("<svg width=\"" + WIDTH + "\" height=\""
                + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\">");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Text for HTML and XML content and attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
