package io.fleet.rig.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pass condition of a replay, as {@code --expect} writes it: {@code lateness.p99<=100us}, {@code missing=0}.
 * Time limits take a unit (ns, us, ms, s) and are held in microseconds; count limits are whole numbers.
 *
 * @param text  the criterion as written
 * @param limit microseconds for time metrics, else the count
 */
public record Criterion(String text, Metric metric, Comparison comparison, double limit) {

    /** How the measured value must relate to the limit. */
    public enum Comparison {
        AT_MOST("<="), AT_LEAST(">="), BELOW("<"), ABOVE(">"), EQUAL("=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double measured, double limit) {
            return switch (this) {
                case AT_MOST -> measured <= limit;
                case AT_LEAST -> measured >= limit;
                case BELOW -> measured < limit;
                case ABOVE -> measured > limit;
                case EQUAL -> measured == limit;
            };
        }
    }

    /**
     * Parses a comma-separated list such as {@code lateness.p99<=100us,response.p99<=20ms,missing=0}.
     *
     * @throws IllegalArgumentException naming the criterion and what is wrong with it
     */
    public static List<Criterion> parseList(String text) {
        List<Criterion> criteria = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            criteria.add(parse(part.trim()));
        }
        return criteria;
    }

    /**
     * Parses criteria for a run that measures responses or not ({@code --match} rules).
     *
     * @throws IllegalArgumentException also for a response criterion in a run without rules: it could never pass
     */
    public static List<Criterion> parseForRun(String text, boolean measuresResponses) {
        List<Criterion> criteria = parseList(text);
        for (Criterion c : criteria) {
            if (c.metric().needsResponses() && !measuresResponses) {
                throw new IllegalArgumentException("'" + c.text() + "' judges answers to requests; give the "
                        + "requests with --match, e.g. --match 0x7E0->0x7E8");
            }
        }
        return criteria;
    }

    /** Parses one criterion; see {@link #parseList}. */
    public static Criterion parse(String text) {
        int at = firstIndexOfAny(text, "<>=");
        if (at > 0) {
            for (Comparison comparison : Comparison.values()) { // "<=" and ">=" are tried before "<", ">" and "="
                if (text.startsWith(comparison.symbol, at)) {
                    Metric metric = Metric.of(text.substring(0, at).trim(), text);
                    String value = text.substring(at + comparison.symbol.length()).trim();
                    return new Criterion(text, metric, comparison, limit(metric, value, text));
                }
            }
        }
        throw new IllegalArgumentException("criterion '" + text + "' must look like METRIC<=VALUE (or >=, <, >, =), "
                + "e.g. lateness.p99<=100us or missing=0");
    }

    private static int firstIndexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static double limit(Metric metric, String value, String criterion) {
        String lower = value.toLowerCase(Locale.ROOT);
        double factor = 1;
        String number = lower;
        if (metric.isTime()) {
            int unitAt = lower.length() - (lower.endsWith("us") || lower.endsWith("ms") || lower.endsWith("ns") ? 2
                    : lower.endsWith("s") ? 1 : 0);
            String unit = lower.substring(unitAt);
            factor = switch (unit) {
                case "ns" -> 1e-3;
                case "us" -> 1;
                case "ms" -> 1e3;
                case "s" -> 1e6;
                default -> throw new IllegalArgumentException("'" + criterion + "': " + metric.key()
                        + " is a time and needs a unit: ns, us, ms or s, e.g. 100us");
            };
            number = lower.substring(0, unitAt);
        }
        try {
            double parsed = metric.isTime() ? Double.parseDouble(number) : Long.parseLong(number);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + criterion + "': '" + value + "' is not " + (metric.isTime()
                    ? "a non-negative time like 100us or 20ms" : "a whole non-negative count"), e);
        }
    }
}
