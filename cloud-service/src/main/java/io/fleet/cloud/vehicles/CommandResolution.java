package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.shadow.ExactJson;
import java.util.Optional;

/**
 * Decides a command's outcome from the vehicle's reported state. The agent reports each outcome as
 * {@code reported.lastCommand = {attribute, value, desiredVersion, status, reason, at}} (status IN_PROGRESS first, as
 * its receipt, when the agent is new enough to send one), where desiredVersion is
 * the shadow version of the delta it acted on: at or above the version at which the command was written. The same
 * attribute and value is this command's outcome; another value means a later command replaced this one before the
 * car acted, so this one never ran.
 */
final class CommandResolution {

    private static final ObjectMapper JSON = ExactJson.newMapper();
    /** The agent's receipt: it has the command and acts on it now. */
    static final String RECEIPT = "IN_PROGRESS";

    record Outcome(CommandStatus status, String reason) {
    }

    private CommandResolution() {
    }

    static Optional<Outcome> resolve(VehicleCommand command, JsonNode reported) {
        JsonNode last = reported == null ? null : reported.get("lastCommand");
        if (command.desiredVersion() == null || last == null || !last.isObject()
                || !command.attribute().equals(last.path("attribute").asText())
                || last.path("desiredVersion").asLong(-1) < command.desiredVersion()) {
            return Optional.empty();
        }
        if (!sameValue(JSON.valueToTree(command.value()), last.get("value"))) {
            return Optional.of(new Outcome(CommandStatus.FAILED, "replaced by a later command ("
                    + command.attribute() + " = " + last.get("value") + ") before the vehicle acted"));
        }
        String said = last.path("status").asText();
        if (said.equals(RECEIPT)) {
            return Optional.of(new Outcome(CommandStatus.DELIVERED, null));
        }
        CommandStatus status;
        try {
            status = CommandStatus.valueOf(said);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!status.isFinal() || status == CommandStatus.CANCELED) {
            return Optional.empty();
        }
        JsonNode reason = last.get("reason");
        return Optional.of(new Outcome(status, reason == null || reason.isNull() ? null : reason.asText()));
    }

    /** Whether the vehicle already reports {@code value} for the command's attribute. */
    static boolean alreadyReported(String attribute, Object value, JsonNode reported) {
        if (reported == null) {
            return false;
        }
        JsonNode current = reported.at("/" + attribute.replace('.', '/'));
        return !current.isMissingNode() && sameValue(JSON.valueToTree(value), current);
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
