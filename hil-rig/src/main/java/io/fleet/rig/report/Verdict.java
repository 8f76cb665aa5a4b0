package io.fleet.rig.report;

import java.util.List;
import java.util.Locale;

/**
 * Whether a replay met its criteria ({@code --expect}), and each criterion with what was measured. Part of the KPI
 * JSON/HTML and of the JUnit report; the rig command exits 4 when it failed. {@code io.fleet.rig.verdict} judges.
 *
 * @param criteria every criterion in the order given
 */
public record Verdict(boolean passed, List<Judged> criteria) {

    /**
     * One criterion judged.
     *
     * @param measured the value (microseconds for times, else a count), or null when the run measured none
     * @param unit     "us" for times, "" for counts
     */
    public record Judged(String criterion, String metric, String comparison, double limit, Double measured,
                         String unit, boolean passed) {

        /** "lateness.p99 measured 87.3 us, expected <= 100 us", or why nothing was measured. */
        public String explanation() {
            String expected = "expected " + comparison + " " + amount(limit);
            return metric + (measured == null ? " not measured (nothing to measure in this run), " + expected
                    : " measured " + amount(measured) + ", " + expected);
        }

        private String amount(double value) {
            String number = value == Math.rint(value) ? String.valueOf((long) value)
                    : String.format(Locale.ROOT, "%.1f", value);
            return unit.isEmpty() ? number : number + " " + unit;
        }
    }

    /** How many criteria failed. */
    public long failures() {
        return criteria.stream().filter(j -> !j.passed()).count();
    }
}
