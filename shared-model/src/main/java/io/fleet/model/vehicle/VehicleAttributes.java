package io.fleet.model.vehicle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vehicle's shadow vocabulary: which leaves are commandable, which are reported only, and how a desired value
 * is validated and made canonical. Pure functions; never throws on bad input, it returns
 * {@link DesiredChange.Invalid} instead.
 */
public final class VehicleAttributes {

    public static final List<String> DOORS = List.of("fl", "fr", "rl", "rr");
    public static final Set<String> REPORTED_ONLY = Set.of("speed", "ignition", "odometer", "fuel", "gps", "firmware",
            "lastCommand");
    /** Longest attribute path: the longest real one is 14 characters; the command table's column holds 64. */
    public static final int MAX_PATH_LENGTH = 64;
    /**
     * Longest horn_flash request token, as text (a string, or a number written out without exponent): the token goes
     * into the shadow, the command history and {@code reported.lastCommand}, so an unbounded one would fill the 8 KB
     * shadow, or overflow PostgreSQL's numeric ({@code 1e999999999}), and fail after the command was recorded. 64 is
     * AWS's bound on a shadow request's clientToken, the same kind of value.
     */
    public static final int MAX_TOKEN_LENGTH = 64;
    /** Top-level attributes whose value is an object of leaves. */
    private static final Set<String> BRANCHES = Set.of("doors", "windows", "climate");

    private VehicleAttributes() {
    }

    /** Splits a delta's state into leaf changes, validating each; expiries ({@link CommandExpiry}) are no change. */
    public static List<DesiredChange> parseDelta(Map<String, ?> delta) {
        List<DesiredChange> changes = new ArrayList<>();
        delta.forEach((key, value) -> {
            if (CommandExpiry.KEY.equals(key)) {
                return;
            }
            if (BRANCHES.contains(key) && value instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> branch = (Map<String, ?>) value;
                branch.forEach((leaf, leafValue) -> changes.add(parse(key + "." + leaf, leafValue)));
            } else {
                changes.add(parse(key, value));
            }
        });
        return changes;
    }

    /** Validates one desired leaf. */
    public static DesiredChange parse(String path, Object raw) {
        if (path.length() > MAX_PATH_LENGTH) {
            return invalid(path, raw, "attribute must be at most " + MAX_PATH_LENGTH + " characters (was "
                    + path.length() + ")");
        }
        String[] parts = path.split("\\.", 2);
        String top = parts[0];
        if (REPORTED_ONLY.contains(top)) {
            return invalid(path, raw, top + " is reported by the vehicle and cannot be commanded");
        }
        if (BRANCHES.contains(top) && parts.length == 1) {
            return invalid(path, raw, top + " must be an object of " + leavesOf(top));
        }
        switch (top) {
            case "doors":
                return door(path, parts[1], raw);
            case "windows":
                return window(path, parts[1], raw);
            case "climate":
                return climate(path, parts[1], raw);
            case "lock":
                return oneOf(path, raw, "locked", "unlocked");
            case "trunk":
                return oneOf(path, raw, "open", "closed");
            case "headlights":
                return oneOf(path, raw, "on", "off", "auto");
            case "horn_flash":
                return hornFlash(path, raw);
            default:
                return invalid(path, raw, "unknown attribute " + path);
        }
    }

    private static String leavesOf(String branch) {
        return "climate".equals(branch) ? "on, target" : String.join(", ", DOORS);
    }

    private static DesiredChange door(String path, String door, Object raw) {
        if (!DOORS.contains(door)) {
            return invalid(path, raw, "unknown door " + door + " (expected one of " + DOORS + ")");
        }
        return oneOf(path, raw, "open", "closed");
    }

    private static DesiredChange window(String path, String window, Object raw) {
        if (!DOORS.contains(window)) {
            return invalid(path, raw, "unknown window " + window + " (expected one of " + DOORS + ")");
        }
        if ("up".equals(raw)) {
            return valid(path, 0, raw);
        }
        if ("down".equals(raw)) {
            return valid(path, 100, raw);
        }
        Integer percent = wholeNumber(raw);
        if (percent == null || percent < 0 || percent > 100) {
            return invalid(path, raw, path + " must be 0-100 (% open), \"up\" or \"down\"");
        }
        return valid(path, percent, raw);
    }

    private static DesiredChange climate(String path, String leaf, Object raw) {
        if ("on".equals(leaf)) {
            return raw instanceof Boolean ? valid(path, raw, raw) : invalid(path, raw, path + " must be true or false");
        }
        if ("target".equals(leaf)) {
            if (!(raw instanceof Number) || ((Number) raw).doubleValue() < 16 || ((Number) raw).doubleValue() > 30) {
                return invalid(path, raw, path + " must be a temperature from 16 to 30 °C");
            }
            return valid(path, raw, raw);
        }
        return invalid(path, raw, "unknown attribute " + path + " (expected climate.on or climate.target)");
    }

    private static DesiredChange hornFlash(String path, Object raw) {
        if (raw == null || raw instanceof Map || raw instanceof List || Boolean.FALSE.equals(raw)) {
            return invalid(path, raw, "horn_flash must be true or a request token (string or number)");
        }
        long length = raw instanceof Boolean ? 0 : raw instanceof BigDecimal decimal ? plainLength(decimal)
                : String.valueOf(raw).length();
        if (length > MAX_TOKEN_LENGTH) {
            return invalid(path, raw, "horn_flash request token must be at most " + MAX_TOKEN_LENGTH
                    + " characters (was " + length + ")");
        }
        return valid(path, raw, raw);
    }

    /** The length of {@code toPlainString()}, computed: 1e999999999 would be a gigabyte of zeros. */
    private static long plainLength(BigDecimal decimal) {
        long integerDigits = Math.max(1, (long) decimal.precision() - decimal.scale());
        long fraction = decimal.scale() > 0 ? decimal.scale() + 1L : 0;
        return (decimal.signum() < 0 ? 1 : 0) + integerDigits + fraction;
    }

    private static Integer wholeNumber(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            long v = ((Number) raw).longValue();
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (int) v : null;
        }
        if (raw instanceof Number && ((Number) raw).doubleValue() == Math.rint(((Number) raw).doubleValue())) {
            return (int) ((Number) raw).doubleValue();
        }
        return null;
    }

    private static DesiredChange oneOf(String path, Object raw, String... allowed) {
        for (String option : allowed) {
            if (option.equals(raw)) {
                return valid(path, raw, raw);
            }
        }
        return invalid(path, raw, path + " must be one of " + String.join(", ", allowed));
    }

    private static DesiredChange valid(String path, Object value, Object raw) {
        return new DesiredChange.Valid(new Command(path, value, raw));
    }

    private static DesiredChange invalid(String path, Object raw, String reason) {
        return new DesiredChange.Invalid(path, raw, reason);
    }

    /** Shadow JSON for one leaf path, e.g. {@code windows.fl=100 -> {"windows": {"fl": 100}}}. */
    /** The value at a dotted {@code path} of nested maps ({@code windows.fl}), or null when there is none. */
    public static Object leaf(Map<String, ?> nested, String path) {
        Object node = nested;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(part);
        }
        return node;
    }

    public static Map<String, Object> nestedLeaf(String path, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(path, value);
        return VehicleState.of(m).toNested();
    }
}
