package io.fleet.cloud.ingest.scenario;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code hard-braking}: the speed falls by at least 3.0 m/s within a 1.0 s window, speed linear between samples; one
 * event spans the union of overlapping such windows. A window's ends are checked where the drop can be largest: at the
 * samples and one second before and after each sample (interpolated). Holds the samples of the last second.
 */
public final class HardBrakingDetector implements ScenarioDetector {

    public static final String TYPE = "hard-braking";
    static final double DROP = 3.0;
    static final long WINDOW_NANOS = 1_000_000_000L;

    private record Sample(long nanos, double speed) {
    }

    /** A window the speed fell by at least {@link #DROP} in. */
    private record Window(long start, double startSpeed, long end, double endSpeed) {

        double drop() {
            return startSpeed - endSpeed;
        }
    }

    private final Consumer<Scenario> found;
    /** The samples of the last second, and the one just before it (to interpolate one second back). */
    private final ArrayDeque<Sample> recent = new ArrayDeque<>();
    private Window event;
    private double eventMaxDrop;

    public HardBrakingDetector(Consumer<Scenario> found) {
        this.found = found;
    }

    @Override
    public void speed(long epochNanos, double metresPerSecond) {
        Sample now = new Sample(epochNanos, metresPerSecond);
        Sample previous = recent.peekLast();
        if (event != null && previous != null && event.end() < previous.nanos() - WINDOW_NANOS) {
            emit(); // every window from here on starts after the previous sample's second
        }
        List<Window> windows = new ArrayList<>();
        for (Sample sample : recent) { // from a sample of the last second to this one
            if (sample.nanos() >= epochNanos - WINDOW_NANOS) {
                consider(windows, sample, now);
            }
        }
        if (previous != null) {
            fullWindowsEndingBetween(previous, now, windows);
        }
        windows.sort(Comparator.comparingLong(Window::start));
        windows.forEach(this::merge);
        recent.addLast(now);
        long oneBack = epochNanos - WINDOW_NANOS;
        while (recent.size() > 1) {
            Iterator<Sample> it = recent.iterator();
            it.next();
            if (it.next().nanos() > oneBack) {
                break;
            }
            recent.removeFirst(); // the second-oldest is itself at or before one second back
        }
    }

    /**
     * The windows one second long ending between the previous sample and this one. Their drop is linear in their
     * start between the breakpoints where either end meets a sample, so checking the breakpoints and where the drop
     * crosses {@link #DROP} between them finds the earliest and latest qualifying window exactly.
     */
    private void fullWindowsEndingBetween(Sample previous, Sample now, List<Window> windows) {
        long from = Math.max(previous.nanos() - WINDOW_NANOS, recent.peekFirst().nanos());
        long to = now.nanos() - WINDOW_NANOS;
        if (to < from) {
            return; // the log's first second: no window of a full second yet
        }
        List<Long> breakpoints = new ArrayList<>();
        breakpoints.add(from);
        for (Sample sample : recent) {
            if (sample.nanos() > from && sample.nanos() < to) {
                breakpoints.add(sample.nanos());
            }
        }
        breakpoints.add(to);
        Sample last = null;
        for (long start : breakpoints) {
            // the drop of the window starting here, kept as a sample's speed
            Sample window = new Sample(start, valueAt(start, now) - valueAt(start + WINDOW_NANOS, now));
            if (window.speed() >= DROP) {
                add(windows, start, now);
            }
            if (last != null && (last.speed() >= DROP) != (window.speed() >= DROP)) {
                double fraction = (DROP - last.speed()) / (window.speed() - last.speed());
                add(windows, last.nanos() + Math.round(fraction * (start - last.nanos())), now);
            }
            last = window;
        }
    }

    private void add(List<Window> windows, long start, Sample now) {
        windows.add(new Window(start, valueAt(start, now), start + WINDOW_NANOS,
                valueAt(start + WINDOW_NANOS, now)));
    }

    @Override
    public void finish() {
        if (event != null) {
            emit();
        }
    }

    private static void consider(List<Window> windows, Sample start, Sample end) {
        if (start.speed() - end.speed() >= DROP && end.nanos() > start.nanos()) {
            windows.add(new Window(start.nanos(), start.speed(), end.nanos(), end.speed()));
        }
    }

    private void merge(Window window) {
        if (event != null && window.start() > event.end()) {
            emit();
        }
        if (event == null) {
            event = window;
            eventMaxDrop = window.drop();
            return;
        }
        Window first = window.start() < event.start() ? window : event;
        Window last = window.end() > event.end() ? window : event;
        event = new Window(first.start(), first.startSpeed(), last.end(), last.endSpeed());
        eventMaxDrop = Math.max(eventMaxDrop, window.drop());
    }

    private void emit() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("startSpeed", event.startSpeed());
        values.put("endSpeed", event.endSpeed());
        values.put("maxDropInOneSecond", eventMaxDrop);
        found.accept(Scenario.of(TYPE, event.start(), event.end(), values));
        event = null;
    }

    /** The speed at {@code nanos}, between the held samples and {@code now}, linear between samples. */
    private double valueAt(long nanos, Sample now) {
        Sample before = null;
        for (Sample sample : recent) {
            if (sample.nanos() >= nanos) {
                return before == null || sample.nanos() == nanos ? sample.speed() : between(before, sample, nanos);
            }
            before = sample;
        }
        return before == null || now.nanos() == nanos ? now.speed() : between(before, now, nanos);
    }

    private static double between(Sample a, Sample b, long nanos) {
        double fraction = (double) (nanos - a.nanos()) / (b.nanos() - a.nanos());
        return a.speed() + fraction * (b.speed() - a.speed());
    }
}
