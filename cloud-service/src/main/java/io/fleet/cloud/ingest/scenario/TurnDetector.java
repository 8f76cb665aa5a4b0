package io.fleet.cloud.ingest.scenario;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code left-turn} / {@code right-turn}: the heading changes by at least 60 degrees within at most 15 s while the
 * speed stays at or above 2 m/s throughout (the last speed sample before each heading sample). Headings are unwrapped
 * across 0/360 (359 to 1 is +2 degrees); left is the heading decreasing. The event spans the change: from the last
 * heading at least 60 degrees away from the turned heading to the furthest heading the turn reached. Holds the heading
 * samples of the last 15 s.
 */
public final class TurnDetector implements ScenarioDetector {

    public static final String LEFT = "left-turn";
    public static final String RIGHT = "right-turn";
    static final double MIN_CHANGE = 60.0;
    static final long WINDOW_NANOS = 15_000_000_000L;
    static final double MIN_SPEED = 2.0;

    /** A heading sample, unwrapped: continuous across 0/360. */
    private record Heading(long nanos, double degrees) {
    }

    private final Consumer<Scenario> found;
    private final ArrayDeque<Heading> window = new ArrayDeque<>();
    private double speed = Double.NaN;
    private double lastRaw;
    private boolean open;
    private boolean left;
    private Heading start;
    private Heading furthest;
    private double minSpeed;

    public TurnDetector(Consumer<Scenario> found) {
        this.found = found;
    }

    @Override
    public void speed(long epochNanos, double metresPerSecond) {
        speed = metresPerSecond;
        if (!(metresPerSecond >= MIN_SPEED)) {
            finish(); // too slow: a change of heading from here on starts afresh
            window.clear();
        } else if (open) {
            minSpeed = Math.min(minSpeed, metresPerSecond);
        }
    }

    @Override
    public void heading(long epochNanos, double degrees) {
        if (!(speed >= MIN_SPEED)) {
            return;
        }
        Heading now = new Heading(epochNanos, window.isEmpty() ? degrees
                : window.peekLast().degrees() + ((degrees - lastRaw) % 360 + 540) % 360 - 180);
        lastRaw = degrees;
        while (!window.isEmpty() && window.peekFirst().nanos() < epochNanos - WINDOW_NANOS) {
            window.removeFirst();
        }
        Heading from = null;
        for (Iterator<Heading> it = window.descendingIterator(); it.hasNext() && from == null; ) {
            Heading earlier = it.next();
            if (Math.abs(now.degrees() - earlier.degrees()) >= MIN_CHANGE) {
                from = earlier;
            }
        }
        window.addLast(now);
        if (from != null) {
            turn(from, now, now.degrees() < from.degrees());
        }
    }

    private void turn(Heading from, Heading now, boolean toLeft) {
        if (open && (toLeft != left || from.nanos() > furthest.nanos())) {
            finish();
        }
        if (!open) {
            open = true;
            left = toLeft;
            start = from;
            furthest = now;
            minSpeed = speed;
            return;
        }
        if (from.nanos() < start.nanos()) {
            start = from;
        }
        if (left ? now.degrees() < furthest.degrees() : now.degrees() > furthest.degrees()) {
            furthest = now;
        }
    }

    @Override
    public void finish() {
        if (!open) {
            return;
        }
        open = false;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("headingChange", Math.abs(furthest.degrees() - start.degrees()));
        values.put("startHeading", normalized(start.degrees()));
        values.put("endHeading", normalized(furthest.degrees()));
        values.put("minSpeed", minSpeed);
        found.accept(Scenario.of(left ? LEFT : RIGHT, start.nanos(), furthest.nanos(), values));
    }

    private static double normalized(double degrees) {
        return (degrees % 360 + 360) % 360;
    }
}
