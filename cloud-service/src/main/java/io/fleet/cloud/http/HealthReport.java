package io.fleet.cloud.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Whether each component is up, as {@code /health} reports it. */
public record HealthReport(Map<String, Boolean> components) {

    public HealthReport {
        components = new LinkedHashMap<>(components);
    }

    public boolean up() {
        return components.values().stream().allMatch(Boolean::booleanValue);
    }

    public String toJson() {
        StringBuilder out = new StringBuilder("{\"status\":\"").append(up() ? "UP" : "DOWN").append("\"");
        components.forEach((name, ok) -> out.append(",\"").append(name).append("\":\"")
                .append(ok ? "UP" : "DOWN").append('"'));
        return out.append('}').toString();
    }
}
