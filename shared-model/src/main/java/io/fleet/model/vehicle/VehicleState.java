package io.fleet.model.vehicle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vehicle's real state as flat leaf paths ({@code "doors.fl" -> "closed"}, {@code "speed" -> 0}) with values
 * that are String, Integer, Double or Boolean. Immutable; {@link #toNested()} gives the shadow's JSON shape.
 */
public final class VehicleState {

    private final Map<String, Object> leaves;

    private VehicleState(Map<String, Object> leaves) {
        this.leaves = Collections.unmodifiableMap(new TreeMap<>(leaves));
    }

    public static VehicleState of(Map<String, Object> leaves) {
        return new VehicleState(leaves);
    }

    /** A parked, unlocked car with everything closed. */
    public static VehicleState parked() {
        Map<String, Object> m = new TreeMap<>();
        for (String door : VehicleAttributes.DOORS) {
            m.put("doors." + door, "closed");
            m.put("windows." + door, 0);
        }
        m.put("lock", "unlocked");
        m.put("trunk", "closed");
        m.put("headlights", "off");
        m.put("climate.on", false);
        m.put("climate.target", 21);
        m.put("speed", 0);
        m.put("ignition", "off");
        m.put("odometer", 0.0);
        m.put("fuel", 80);
        m.put("gps.lat", 48.137);
        m.put("gps.lon", 11.575);
        m.put("firmware", "sim-1.0.0");
        return new VehicleState(m);
    }

    public Object get(String path) {
        return leaves.get(path);
    }

    public int speed() {
        Object speed = leaves.get("speed");
        return speed instanceof Number ? ((Number) speed).intValue() : 0;
    }

    public VehicleState with(String path, Object value) {
        Map<String, Object> m = new TreeMap<>(leaves);
        m.put(path, value);
        return new VehicleState(m);
    }

    public Map<String, Object> leaves() {
        return leaves;
    }

    /** {@code {"doors": {"fl": "closed", ...}, "speed": 0, ...}} as plain maps, for JSON. */
    public Map<String, Object> toNested() {
        Map<String, Object> root = new LinkedHashMap<>();
        leaves.forEach((path, value) -> {
            String[] parts = path.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i],
                        k -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1], value);
        });
        return root;
    }

    /** The inverse of {@link #toNested()}; non-leaf values other than maps are kept as they are. */
    public static VehicleState fromNested(Map<String, ?> nested) {
        Map<String, Object> m = new TreeMap<>();
        flatten("", nested, m);
        return new VehicleState(m);
    }

    static void flatten(String prefix, Map<String, ?> nested, Map<String, Object> into) {
        nested.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> child = (Map<String, ?>) value;
                flatten(path, child, into);
            } else {
                into.put(path, value);
            }
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VehicleState && ((VehicleState) o).leaves.equals(leaves);
    }

    @Override
    public int hashCode() {
        return leaves.hashCode();
    }

    @Override
    public String toString() {
        return leaves.toString();
    }
}
