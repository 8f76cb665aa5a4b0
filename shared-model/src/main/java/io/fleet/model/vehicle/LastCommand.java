package io.fleet.model.vehicle;

import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of one desired change, reported as {@code reported.lastCommand}. {@code at} is epoch seconds. */
public record LastCommand(String attribute, Object value, long desiredVersion, CommandStatus status, String reason,
                          long at) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attribute", attribute);
        m.put("value", value);
        m.put("desiredVersion", desiredVersion);
        m.put("status", status.name());
        m.put("reason", reason);
        m.put("at", at);
        return m;
    }

    public static LastCommand fromMap(Map<String, ?> m) {
        return new LastCommand((String) m.get("attribute"), m.get("value"),
                ((Number) m.get("desiredVersion")).longValue(), CommandStatus.valueOf((String) m.get("status")),
                (String) m.get("reason"), ((Number) m.get("at")).longValue());
    }
}
