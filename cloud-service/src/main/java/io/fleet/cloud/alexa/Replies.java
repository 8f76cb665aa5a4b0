package io.fleet.cloud.alexa;

import com.amazon.ask.dispatcher.request.handler.HandlerInput;
import com.amazon.ask.model.IntentRequest;
import com.amazon.ask.model.Response;
import java.util.Optional;

/** The shapes of answer the skill gives. Speech is plain text; the ASK response builder wraps it in SSML. */
final class Replies {

    static final String LINK_ACCOUNT = "To control your car, please link your fleet account in the Alexa app. "
            + "I've sent a card there to help you.";

    private Replies() {
    }

    /** Speak and end the session. */
    static Optional<Response> tell(HandlerInput input, String speech) {
        return input.getResponseBuilder().withSpeech(speech).withSimpleCard("Genie", speech)
                .withShouldEndSession(true).build();
    }

    /** Speak and listen for the answer. */
    static Optional<Response> ask(HandlerInput input, String speech, String reprompt) {
        return input.getResponseBuilder().withSpeech(speech).withReprompt(reprompt).withShouldEndSession(false)
                .build();
    }

    /** Ask for one slot of the current intent; Alexa sends the intent back with it filled. */
    static Optional<Response> elicit(HandlerInput input, String slot, String question) {
        IntentRequest request = (IntentRequest) input.getRequestEnvelope().getRequest();
        return input.getResponseBuilder().withSpeech(question).withReprompt(question)
                .addElicitSlotDirective(slot, request.getIntent()).withShouldEndSession(false).build();
    }

    static Optional<Response> linkAccount(HandlerInput input) {
        return input.getResponseBuilder().withSpeech(LINK_ACCOUNT).withLinkAccountCard().withShouldEndSession(true)
                .build();
    }
}
