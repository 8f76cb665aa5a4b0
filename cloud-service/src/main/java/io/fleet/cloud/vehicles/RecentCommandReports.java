package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few {@code reported.lastCommand} values of each vehicle, oldest first. A command's receipt and outcome
 * may reach the tracker before the command's desired version is recorded; by the time it is, a later command to
 * another attribute may have replaced them in {@code lastCommand}. The tracker's recheck looks here too, so such a
 * command still goes PENDING -> DELIVERED -> its outcome instead of waiting for its expiry.
 *
 * <p>Threads: added to on the vehicle-events thread, read by submitting workers; each vehicle's list is locked.
 */
final class RecentCommandReports {

    /** More than the commands an agent can report between a submit's desired write and its recheck. */
    static final int KEPT = 8;

    private final Map<String, Deque<JsonNode>> byVehicle = new ConcurrentHashMap<>();

    void add(String vehicle, JsonNode lastCommand) {
        Deque<JsonNode> reports = byVehicle.computeIfAbsent(vehicle, v -> new ArrayDeque<>());
        synchronized (reports) {
            reports.addLast(lastCommand.deepCopy());
            while (reports.size() > KEPT) {
                reports.removeFirst();
            }
        }
    }

    /** The kept reports of {@code vehicle} about {@code attribute}, oldest first. */
    List<JsonNode> about(String vehicle, String attribute) {
        Deque<JsonNode> reports = byVehicle.get(vehicle);
        if (reports == null) {
            return List.of();
        }
        synchronized (reports) {
            return reports.stream().filter(r -> attribute.equals(r.path("attribute").asText())).toList();
        }
    }
}
