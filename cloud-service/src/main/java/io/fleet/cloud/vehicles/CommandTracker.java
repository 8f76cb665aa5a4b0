package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.model.shadow.ExactJson;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Follows every command to its outcome. Shadow documents and presence events arrive here from
 * {@link VehicleEventsSubscriber} on the single vehicle-events thread, so one vehicle's events are handled in
 * order; {@link #recheck} runs on the submitting worker and closes the race with an agent that answers before the
 * command's desired version is recorded (both sides write first, then read the other's data). Status changes are
 * stored only; they reach the event streams of every instance through {@link CommandChangeFeed}.
 */
final class CommandTracker {

    private static final ObjectMapper JSON = ExactJson.newMapper();

    private final CommandRepository commands;
    private final PresenceRepository presence;
    private final VehicleEventHub hub;
    private final Clock clock;
    private final Map<String, JsonNode> latestReported = new ConcurrentHashMap<>();
    private final RecentCommandReports recentReports = new RecentCommandReports();
    /** Told of each command the car ended (SUCCEEDED, REJECTED, FAILED) by the transition this tracker made. */
    private volatile Consumer<VehicleCommand> onOutcome = command -> {
    };
    private volatile DeviceWatcher watcher;

    CommandTracker(CommandRepository commands, PresenceRepository presence, VehicleEventHub hub, Clock clock) {
        this.commands = commands;
        this.presence = presence;
        this.hub = hub;
        this.clock = clock;
    }

    /** An {@code /update/documents} message of {@code vehicle}'s classic shadow. */
    void onDocuments(String vehicle, JsonNode documents) throws SQLException {
        JsonNode current = documents.path("current");
        JsonNode state = current.path("state");
        JsonNode reported = state.path("reported");
        latestReported.put(vehicle, reported);
        hub.publish(new VehicleEvent.ShadowChanged(vehicle, current.path("version").asLong(),
                state.isObject() ? (ObjectNode) state : JSON.createObjectNode(),
                current.path("metadata").isObject() ? (ObjectNode) current.path("metadata")
                        : JSON.createObjectNode()));
        DeviceWatcher told = watcher;
        if (told != null) {
            told.shadowDocuments(vehicle, documents);
        }
        JsonNode lastCommand = reported.path("lastCommand");
        // Only a new lastCommand can decide a command; most documents (desired writes, state reports) carry none.
        if (lastCommand.isObject() && !lastCommand.equals(documents.at("/previous/state/reported/lastCommand"))) {
            recentReports.add(vehicle, lastCommand);
            for (VehicleCommand open : commands.openWritten(vehicle)) {
                resolve(open, reported);
            }
        }
    }

    /** A broker presence event; {@code at} is the event's epoch milliseconds. */
    void onPresence(String vehicle, boolean online, long at) throws SQLException {
        if (!presence.record(vehicle, online, at)) {
            return; // a later event was applied already
        }
        // Online is not delivered: a command is DELIVERED only once the agent reports its receipt.
        hub.publish(new VehicleEvent.PresenceChanged(vehicle, online, at));
        DeviceWatcher told = watcher;
        if (online && told != null) {
            told.connected(vehicle);
        }
    }

    /**
     * After a command's desired version is recorded: resolves it if its receipt or outcome has been seen already,
     * also when a later command's report has replaced it in {@code lastCommand} meanwhile
     * ({@link RecentCommandReports}), and returns the command as it is then.
     */
    VehicleCommand recheck(VehicleCommand written) throws SQLException {
        VehicleCommand current = written;
        for (JsonNode report : recentReports.about(written.vehicle(), written.attribute())) {
            if (current.status().isFinal()) {
                break;
            }
            ObjectNode reported = JSON.createObjectNode();
            reported.set("lastCommand", report);
            current = resolve(current, reported).orElse(current);
        }
        JsonNode reported = latestReported.get(written.vehicle());
        return reported == null || current.status().isFinal() ? current : resolve(current, reported).orElse(current);
    }

    Optional<JsonNode> latestReported(String vehicle) {
        return Optional.ofNullable(latestReported.get(vehicle));
    }

    /** Applies the outcome {@code reported} shows for the command, if any; the command as changed. */
    Optional<VehicleCommand> resolve(VehicleCommand open, JsonNode reported) throws SQLException {
        Optional<CommandResolution.Outcome> outcome = CommandResolution.resolve(open, reported);
        if (outcome.isEmpty()) {
            return Optional.empty();
        }
        Optional<VehicleCommand> changed = commands.transition(open.id(), outcome.get().status(),
                outcome.get().reason(), clock.millis());
        changed.filter(c -> c.status().isFinal()).ifPresent(onOutcome);
        return changed;
    }

    /** Who hears of every device's connections and shadow documents once they are stored (one watcher). */
    void watchDevices(DeviceWatcher deviceWatcher) {
        this.watcher = deviceWatcher;
    }

    /** Who is told of each command the car ended, e.g. to withdraw its expiry from desired. */
    void onOutcome(Consumer<VehicleCommand> listener) {
        this.onOutcome = listener;
    }
}
