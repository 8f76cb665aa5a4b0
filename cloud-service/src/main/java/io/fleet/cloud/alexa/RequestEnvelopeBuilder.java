package io.fleet.cloud.alexa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Request envelopes shaped as Alexa sends them (version, session, context.System with the linked account's
 * accessToken, request with requestId, timestamp and locale; intents with every declared slot and, for custom slot
 * types, entity resolutions), and the follow-up request of a dialog ({@link #answer}), for {@code fleet alexa}.
 */
final class RequestEnvelopeBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InteractionModel model;
    private final String applicationId;
    private final String accessToken;

    RequestEnvelopeBuilder(InteractionModel model, String applicationId, String accessToken) {
        this.model = model;
        this.applicationId = applicationId;
        this.accessToken = accessToken;
    }

    ObjectNode build(UtteranceResolver.Resolution resolution, Instant now) {
        ObjectNode request = JSON.createObjectNode();
        if (UtteranceResolver.LAUNCH.equals(resolution.intent())) {
            request.put("type", "LaunchRequest");
        } else {
            request.put("type", "IntentRequest");
            request.put("dialogState", "STARTED");
        }
        request.put("requestId", "amzn1.echo-api.request." + UUID.randomUUID());
        request.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        request.put("locale", model.locale());
        if (!UtteranceResolver.LAUNCH.equals(resolution.intent())) {
            ObjectNode intent = request.putObject("intent");
            intent.put("name", resolution.intent());
            intent.put("confirmationStatus", "NONE");
            ObjectNode slots = intent.putObject("slots");
            model.intent(resolution.intent()).ifPresent(declared -> declared.slots().keySet().forEach(name -> slots
                    .putObject(name).put("name", name).put("confirmationStatus", "NONE")));
            resolution.slots().forEach(slot -> fill((ObjectNode) slots.get(slot.name()), slot));
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "1.0");
        ObjectNode session = envelope.putObject("session");
        session.put("new", true);
        session.put("sessionId", "amzn1.echo-api.session." + UUID.randomUUID());
        session.putObject("application").put("applicationId", applicationId);
        session.putObject("attributes");
        session.set("user", user());
        ObjectNode system = envelope.putObject("context").putObject("System");
        system.putObject("application").put("applicationId", applicationId);
        system.set("user", user());
        ObjectNode device = system.putObject("device");
        device.put("deviceId", "amzn1.ask.device.fleet-cli");
        device.putObject("supportedInterfaces");
        system.put("apiEndpoint", "https://api.amazonalexa.com");
        envelope.set("request", request);
        return envelope;
    }

    /**
     * The next request of a dialog: {@code previous} again, with a new request id and timestamp, the session no
     * longer new, and the intent Alexa was told to elicit with ({@code updatedIntent}, or the previous one) carrying
     * {@code value} in {@code slot}.
     */
    ObjectNode answer(ObjectNode previous, JsonNode updatedIntent, String slot, String value, Instant now) {
        ObjectNode next = previous.deepCopy();
        ObjectNode request = (ObjectNode) next.get("request");
        request.put("requestId", "amzn1.echo-api.request." + UUID.randomUUID());
        request.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        request.put("dialogState", "IN_PROGRESS");
        ObjectNode intent = updatedIntent != null && updatedIntent.isObject() ? ((ObjectNode) updatedIntent).deepCopy()
                : (ObjectNode) request.get("intent");
        ObjectNode slots = intent.with("slots");
        slots.with(slot).put("name", slot).put("value", value).put("source", "USER");
        request.set("intent", intent);
        ((ObjectNode) next.get("session")).put("new", false);
        return next;
    }

    private ObjectNode user() {
        ObjectNode user = JSON.createObjectNode();
        user.put("userId", "amzn1.ask.account.fleet-cli");
        if (accessToken != null) {
            user.put("accessToken", accessToken);
        }
        return user;
    }

    private void fill(ObjectNode slot, UtteranceResolver.ResolvedSlot resolved) {
        slot.put("value", resolved.spoken());
        slot.put("source", "USER");
        if (resolved.type().startsWith("AMAZON.")) {
            return;
        }
        ObjectNode authority = slot.putObject("resolutions").putArray("resolutionsPerAuthority").addObject();
        authority.put("authority", "amzn1.er-authority.echo-sdk." + applicationId + "." + resolved.type());
        if (resolved.value().isPresent()) {
            authority.putObject("status").put("code", "ER_SUCCESS_MATCH");
            ObjectNode value = authority.putArray("values").addObject().putObject("value");
            value.put("name", resolved.value().get().name());
            value.put("id", resolved.value().get().id());
        } else {
            authority.putObject("status").put("code", "ER_SUCCESS_NO_MATCH");
        }
    }
}
