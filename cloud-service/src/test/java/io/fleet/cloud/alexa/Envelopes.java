package io.fleet.cloud.alexa;

import com.amazon.ask.model.RequestEnvelope;
import com.amazon.ask.model.ResponseEnvelope;
import com.amazon.ask.model.ui.SsmlOutputSpeech;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The documented-shape request envelopes in {@code src/test/resources/alexa/}. */
final class Envelopes {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String APPLICATION_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000001";

    private Envelopes() {
    }

    static ObjectNode json(String name) {
        try (InputStream in = Envelopes.class.getResourceAsStream("/alexa/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no envelope " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequestEnvelope envelope(ObjectNode json) {
        try {
            return GenieSkill.parse(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code json} as Alexa sends it back after the user answered the PIN question: the intent's {@code pin} slot
     * filled (if it has one), the dialog in progress, the session no longer new.
     */
    static ObjectNode withPin(ObjectNode json, String pin) {
        if (json.at("/request/intent/slots").has("pin")) {
            ((ObjectNode) json.at("/request/intent/slots/pin")).put("value", pin).put("source", "USER");
            ((ObjectNode) json.get("request")).put("dialogState", "IN_PROGRESS");
            ((ObjectNode) json.get("session")).put("new", false);
        }
        return json;
    }

    static RequestEnvelope envelope(String name) {
        return envelope(json(name));
    }

    static String speech(ResponseEnvelope response) {
        return ((SsmlOutputSpeech) response.getResponse().getOutputSpeech()).getSsml()
                .replaceAll("<[^>]+>", "");
    }
}
