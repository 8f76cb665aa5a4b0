package io.fleet.cloud.ingest.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** Hand-made speed and heading series for the detector tests: seconds after {@link #T0} and values. */
final class ScenarioSeries {

    static final long T0_SECONDS = 1_700_000_000L;
    static final Instant T0 = Instant.ofEpochSecond(T0_SECONDS);

    private record Point(double seconds, double value, boolean heading) {
    }

    private final List<Point> points = new ArrayList<>();

    /** Speed samples: seconds, m/s, seconds, m/s, ... */
    ScenarioSeries speed(double... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            points.add(new Point(pairs[i], pairs[i + 1], false));
        }
        return this;
    }

    /** Speed samples every {@code step} seconds from {@code from} to {@code to} of a function of time. */
    ScenarioSeries speedEvery(double step, double from, double to, DoubleUnaryOperator value) {
        for (long i = 0; from + i * step <= to + 1e-9; i++) {
            double t = from + i * step;
            points.add(new Point(t, value.applyAsDouble(t), false));
        }
        return this;
    }

    /** Heading samples every {@code step} seconds from {@code from} to {@code to}. */
    ScenarioSeries headingEvery(double step, double from, double to, DoubleUnaryOperator value) {
        for (long i = 0; from + i * step <= to + 1e-9; i++) {
            double t = from + i * step;
            points.add(new Point(t, value.applyAsDouble(t), true));
        }
        return this;
    }

    /** Feeds the series in time order (speed before heading at the same time) and returns what was found. */
    List<Scenario> run(Function<Consumer<Scenario>, ScenarioDetector> kind) {
        List<Scenario> found = new ArrayList<>();
        ScenarioDetector detector = kind.apply(found::add);
        points.stream().sorted(Comparator.comparingDouble(Point::seconds).thenComparing(Point::heading))
                .forEach(p -> {
                    long nanos = T0_SECONDS * 1_000_000_000L + Math.round(p.seconds() * 1e9);
                    if (p.heading()) {
                        detector.heading(nanos, p.value());
                    } else {
                        detector.speed(nanos, p.value());
                    }
                });
        detector.finish();
        return found;
    }

    static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }
}
