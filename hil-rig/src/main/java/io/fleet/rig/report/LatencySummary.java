package io.fleet.rig.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a nanosecond histogram, in microseconds, plus power-of-two buckets for the HTML histogram.
 *
 * @param buckets counts of values in (upper/2, upper] microseconds, lowest bucket [0, 1]
 */
public record LatencySummary(long count, double p50Micros, double p99Micros, double p999Micros, double maxMicros,
                             double meanMicros, List<Bucket> buckets) {

    /** Values up to {@code upToMicros} (and above the previous bucket). */
    public record Bucket(long upToMicros, long count) {
    }

    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, List.of());
        }
        return new LatencySummary(nanos.getTotalCount(), micros(nanos.getValueAtPercentile(50)),
                micros(nanos.getValueAtPercentile(99)), micros(nanos.getValueAtPercentile(99.9)),
                micros(nanos.getMaxValue()), Math.round(nanos.getMean() / 10.0) / 100.0, buckets(nanos));
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }

    private static List<Bucket> buckets(Histogram nanos) {
        List<Bucket> buckets = new ArrayList<>();
        long lower = -1;
        for (long upper = 1; lower < nanos.getMaxValue() / 1000; upper *= 2) {
            long count = nanos.getCountBetweenValues(lower < 0 ? 0 : lower * 1000 + 1, upper * 1000);
            buckets.add(new Bucket(upper, count));
            lower = upper;
        }
        return buckets;
    }
}
