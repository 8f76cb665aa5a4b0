package io.fleet.rig.report;

import java.util.List;

/**
 * The KPIs of one replay, serialized as JSON and rendered as HTML. Times are microseconds unless named otherwise.
 *
 * @param sourceSha256 hex SHA-256 of the replayed file (or null when it was streamed and not hashed)
 * @param verdict      the run judged by its criteria ({@code --expect}), or null when none were given
 */
public record KpiReport(String source, String sourceSha256, long sourceBytes, String startedAt,
                        double durationSeconds, double speed, Totals totals, List<OutputKpi> outputs,
                        List<ResponseKpi> responses, String failure, Verdict verdict) {

    /** This report with the verdict of its criteria. */
    public KpiReport withVerdict(Verdict newVerdict) {
        return new KpiReport(source, sourceSha256, sourceBytes, startedAt, durationSeconds, speed, totals, outputs,
                responses, failure, newVerdict);
    }

    /** Record counts over all outputs. */
    public record Totals(long read, long sent, long dropped, long filtered, long unmapped, long outsideWindow) {
    }

    /**
     * One output: counts, lateness (actual send minus deadline) over the whole run and of the frames due in the
     * first second of the timeline (where a fresh JVM's start-up would show), the sender's waits for the source over
     * the whole run and in the first second, and frames per second.
     */
    public record OutputKpi(String name, long sent, long dropped, LatencySummary lateness,
                            LatencySummary latenessFirstSecond, Stalls sourceStalls, Stalls sourceStallsFirstSecond,
                            long[] framesPerSecond, String lastError) {
    }

    /**
     * How often and how long a sender waited on the timeline because the reader had not queued its next record yet.
     */
    public record Stalls(long count, double totalMicros, double maxMicros) {
    }

    /** One stimulus/response rule. */
    public record ResponseKpi(String rule, long requests, long matched, long unanswered, LatencySummary latency) {
    }
}
