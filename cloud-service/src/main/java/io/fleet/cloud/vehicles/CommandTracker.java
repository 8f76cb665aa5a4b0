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
        JsonNode lastCommand = reported.path("lastCommand");
        // Only a new lastCommand can decide a command; most documents (desired writes, state reports) carry none.
        if (lastCommand.isObject() && !lastCommand.equals(documents.at("/previous/state/reported/lastCommand"))) {
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
    }

    /**
     * After a command's desired version is recorded: resolves it if its outcome has been seen already, and returns
     * the command as it is then.
     */
    VehicleCommand recheck(VehicleCommand written) throws SQLException {
        JsonNode reported = latestReported.get(written.vehicle());
        return reported == null ? written : resolve(written, reported).orElse(written);
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
        return commands.transition(open.id(), outcome.get().status(), outcome.get().reason(), clock.millis());
    }
}
