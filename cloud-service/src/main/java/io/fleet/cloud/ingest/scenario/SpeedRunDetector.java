package io.fleet.cloud.ingest.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A scenario that lasts while the speed stays on one side of a threshold for a minimum time. Speed is linear between
 * samples, so a run begins and ends where the line between two samples crosses the threshold, not at the samples.
 * Holds two numbers per open run, whatever the length of the log.
 */
abstract class SpeedRunDetector implements ScenarioDetector {

    private final String type;
    private final double threshold;
    private final boolean above;
    private final long minNanos;
    private final Consumer<Scenario> found;

    private boolean hasPrevious;
    private long previousNanos;
    private double previousSpeed;
    private boolean inRun;
    private long runStart;
    private double runMax;
    private double runMin;

    /**
     * @param above   the run is speed >= threshold when true, speed < threshold when false
     * @param minimum the shortest run that counts, in seconds
     */
    SpeedRunDetector(String type, double threshold, boolean above, double minimum, Consumer<Scenario> found) {
        this.type = type;
        this.threshold = threshold;
        this.above = above;
        this.minNanos = Math.round(minimum * 1e9);
        this.found = found;
    }

    private boolean inside(double speed) {
        return above ? speed >= threshold : speed < threshold;
    }

    @Override
    public void speed(long epochNanos, double metresPerSecond) {
        boolean inside = inside(metresPerSecond);
        if (!hasPrevious) {
            if (inside) {
                open(epochNanos);
            }
        } else if (inside && !inRun) {
            open(crossing(epochNanos, metresPerSecond));
        } else if (!inside && inRun) {
            close(crossing(epochNanos, metresPerSecond));
        }
        if (inRun) {
            runMax = Math.max(runMax, metresPerSecond);
            runMin = Math.min(runMin, metresPerSecond);
        }
        hasPrevious = true;
        previousNanos = epochNanos;
        previousSpeed = metresPerSecond;
    }

    @Override
    public void finish() {
        if (inRun) {
            close(previousNanos);
        }
    }

    /** Where the line from the previous sample to this one meets the threshold. */
    private long crossing(long epochNanos, double speed) {
        double fraction = (threshold - previousSpeed) / (speed - previousSpeed);
        return previousNanos + Math.round(fraction * (epochNanos - previousNanos));
    }

    private void open(long start) {
        inRun = true;
        runStart = start;
        runMax = Double.NEGATIVE_INFINITY;
        runMin = Double.POSITIVE_INFINITY;
    }

    private void close(long end) {
        inRun = false;
        if (end - runStart >= minNanos) {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("thresholdSpeed", threshold);
            values.put("minSpeed", runMin);
            values.put("maxSpeed", runMax);
            values.put("durationSeconds", (end - runStart) / 1e9);
            found.accept(Scenario.of(type, runStart, end, values));
        }
    }
}
