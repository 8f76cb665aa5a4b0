package io.fleet.rig.verdict;

import io.fleet.rig.report.KpiReport;
import io.fleet.rig.report.LatencySummary;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a criterion can judge in a replay's KPIs. Times are in microseconds and taken from the worst output
 * (lateness) or the worst stimulus/response rule (response latency), so a criterion holds for every one of them.
 */
public enum Metric {
    LATENESS_P50("lateness.p50", LatencySummary::p50Micros),
    LATENESS_P99("lateness.p99", LatencySummary::p99Micros),
    LATENESS_P999("lateness.p99.9", LatencySummary::p999Micros),
    LATENESS_MAX("lateness.max", LatencySummary::maxMicros),
    RESPONSE_P50("response.p50", LatencySummary::p50Micros),
    RESPONSE_P99("response.p99", LatencySummary::p99Micros),
    RESPONSE_P999("response.p99.9", LatencySummary::p999Micros),
    RESPONSE_MAX("response.max", LatencySummary::maxMicros),
    /** Requests of the {@code --match} rules that got no answer in time. */
    MISSING("missing", null),
    /** Records the outputs could not send. */
    DROPPED("dropped", null);

    private final String key;
    private final ToDoubleFunction<LatencySummary> percentile;

    Metric(String key, ToDoubleFunction<LatencySummary> percentile) {
        this.key = key;
        this.percentile = percentile;
    }

    /** The name criteria use, e.g. {@code lateness.p99}. */
    public String key() {
        return key;
    }

    /** Whether the metric is a time (limits take a unit) rather than a count. */
    public boolean isTime() {
        return percentile != null;
    }

    /** Whether it needs stimulus/response rules ({@code --match}) to be measured. */
    public boolean needsResponses() {
        return this == MISSING || name().startsWith("RESPONSE");
    }

    /** The measured value: microseconds for times, else a count; empty when the run measured none. */
    public OptionalDouble measure(KpiReport report) {
        return switch (this) {
            case MISSING -> report.responses().isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(report.responses().stream().mapToLong(KpiReport.ResponseKpi::unanswered).sum());
            case DROPPED -> OptionalDouble.of(report.totals().dropped());
            case LATENESS_P50, LATENESS_P99, LATENESS_P999, LATENESS_MAX -> worst(report.outputs().stream()
                    .map(KpiReport.OutputKpi::lateness).toList());
            default -> worst(report.responses().stream().map(KpiReport.ResponseKpi::latency).toList());
        };
    }

    private OptionalDouble worst(List<LatencySummary> summaries) {
        return summaries.stream().filter(s -> s.count() > 0).mapToDouble(percentile).max();
    }

    static Metric of(String key, String criterion) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown metric '" + key + "' in '" + criterion + "'; known: "
                        + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", "))));
    }
}
