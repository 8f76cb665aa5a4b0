package io.fleet.cloud.ingest;

import io.fleet.cloud.config.SignalRolesConfig;
import io.fleet.cloud.ingest.scenario.Scenario;
import io.fleet.cloud.ingest.scenario.ScenarioDetectors;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the decoded speed and heading of a drive log to the scenario detectors as the log streams by, and integrates
 * the speed into the trip's distance. The signals come from the configured {@link SignalRolesConfig}: the first
 * decoded signal with a role's name takes it for the whole log (a second device's {@code Speed} would otherwise
 * interleave with the first). Speed converts to m/s from the DBC's unit; the catalog keeps the DBC's unit.
 */
final class ScenarioSink implements SignalRowSink {

    /** Bounds the memory a pathological log can take: more events than this are counted, not kept. */
    static final int MAX_SCENARIOS = 10_000;

    /** Where a role is in one message's physical values, and the factor to the detector's unit. */
    private record Role(int index, double factor) {
    }

    private record Roles(Role speed, Role heading) {
    }

    private static final Roles NO_ROLES = new Roles(null, null);

    private final SignalRolesConfig names;
    private final Map<DbcMessage, Roles> byMessage = new IdentityHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Scenario> scenarios = new ArrayList<>();
    private ScenarioDetectors detectors;
    private boolean speedBound;
    private boolean headingBound;
    private long lastSpeedNanos = Long.MIN_VALUE;
    private long lastHeadingNanos = Long.MIN_VALUE;
    private double lastSpeed;
    private double distance;
    private double maxSpeed = Double.NEGATIVE_INFINITY;
    private long outOfOrder;
    private long dropped;

    ScenarioSink(SignalRolesConfig names) {
        this.names = names;
        restart();
    }

    @Override
    public void frame(long epochNanos, DbcMessage message, double[] physical) {
        Roles roles = byMessage.computeIfAbsent(message, this::bind);
        if (roles.speed() != null && !Double.isNaN(physical[roles.speed().index()])) {
            speed(epochNanos, physical[roles.speed().index()] * roles.speed().factor());
        }
        if (roles.heading() != null && !Double.isNaN(physical[roles.heading().index()])) {
            if (epochNanos < lastHeadingNanos) {
                outOfOrder++;
            } else {
                lastHeadingNanos = epochNanos;
                detectors.heading(epochNanos, physical[roles.heading().index()] * roles.heading().factor());
            }
        }
    }

    private void speed(long epochNanos, double metresPerSecond) {
        if (epochNanos < lastSpeedNanos) {
            outOfOrder++;
            return;
        }
        if (lastSpeedNanos != Long.MIN_VALUE) {
            distance += (lastSpeed + metresPerSecond) / 2 * ((epochNanos - lastSpeedNanos) / 1e9);
        }
        lastSpeedNanos = epochNanos;
        lastSpeed = metresPerSecond;
        maxSpeed = Math.max(maxSpeed, metresPerSecond);
        detectors.speed(epochNanos, metresPerSecond);
    }

    private Roles bind(DbcMessage message) {
        Role speed = null;
        Role heading = null;
        List<DbcSignal> signals = message.signals();
        for (int i = 0; i < signals.size(); i++) {
            DbcSignal signal = signals.get(i);
            if (!speedBound && named(names.speed(), message, signal)) {
                speed = role(message, i, "speed", speedFactor(signal.unit()), "m/s, km/h, kph, kmh or mph");
                speedBound = speed != null;
            } else if (!headingBound && named(names.heading(), message, signal)) {
                heading = role(message, i, "heading", headingFactor(signal.unit()), "deg or rad");
                headingBound = heading != null;
            }
        }
        return speed == null && heading == null ? NO_ROLES : new Roles(speed, heading);
    }

    private Role role(DbcMessage message, int index, String role, Optional<Double> factor, String units) {
        if (factor.isPresent()) {
            return new Role(index, factor.get());
        }
        DbcSignal signal = message.signals().get(index);
        warnings.add(role + " signal " + message.name() + "." + signal.name() + " has unit '" + signal.unit()
                + "', not " + units + ": not used for scenarios");
        return null;
    }

    private static boolean named(List<String> names, DbcMessage message, DbcSignal signal) {
        return names.contains(signal.name()) || names.contains(message.name() + "." + signal.name());
    }

    static Optional<Double> speedFactor(String unit) {
        return switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "m/s", "mps", "m/sec" -> Optional.of(1.0);
            case "km/h", "kph", "kmh", "km/hr" -> Optional.of(1 / 3.6);
            case "mph" -> Optional.of(0.44704);
            default -> Optional.empty();
        };
    }

    static Optional<Double> headingFactor(String unit) {
        return switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "deg", "degree", "degrees", "°" -> Optional.of(1.0);
            case "rad" -> Optional.of(180 / Math.PI);
            default -> Optional.empty();
        };
    }

    @Override
    public void restart() {
        byMessage.clear();
        warnings.clear();
        scenarios.clear();
        detectors = new ScenarioDetectors(ScenarioDetectors.STANDARD, this::found);
        speedBound = false;
        headingBound = false;
        lastSpeedNanos = Long.MIN_VALUE;
        lastHeadingNanos = Long.MIN_VALUE;
        distance = 0;
        maxSpeed = Double.NEGATIVE_INFINITY;
        outOfOrder = 0;
        dropped = 0;
    }

    private void found(Scenario scenario) {
        if (scenarios.size() < MAX_SCENARIOS) {
            scenarios.add(scenario);
        } else {
            dropped++;
        }
    }

    /**
     * Ends detection (call once, after the log was read).
     *
     * @param summary the log's summary: scenarios are kept only when it has absolute time to place them on
     */
    ScenarioFindings finish(LogSummary summary) {
        detectors.finish();
        List<String> notes = new ArrayList<>(warnings);
        if (outOfOrder > 0) {
            notes.add(outOfOrder + " speed or heading samples earlier than the one before them were left out of "
                    + "scenario detection");
        }
        if (dropped > 0) {
            notes.add("more than " + MAX_SCENARIOS + " scenarios: " + dropped + " more were not recorded");
        }
        List<Scenario> kept = scenarios;
        if (summary.start().isEmpty() && !scenarios.isEmpty()) {
            notes.add(scenarios.size() + " scenarios not recorded: the log has no absolute time to place them on");
            kept = List.of();
        }
        Optional<Double> duration = summary.start().flatMap(s -> summary.end()
                .map(e -> Duration.between(s, e).toNanos() / 1e9));
        TripSummary trip = new TripSummary(speedBound ? Optional.of(distance) : Optional.empty(), duration,
                lastSpeedNanos != Long.MIN_VALUE ? Optional.of(maxSpeed) : Optional.empty());
        return new ScenarioFindings(kept, trip, notes);
    }
}
