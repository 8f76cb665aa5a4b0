package io.fleet.cloud.alexa;

import com.amazon.ask.dispatcher.exception.ExceptionHandler;
import com.amazon.ask.dispatcher.request.handler.HandlerInput;
import com.amazon.ask.dispatcher.request.handler.RequestHandler;
import com.amazon.ask.model.IntentRequest;
import com.amazon.ask.model.LaunchRequest;
import com.amazon.ask.model.Response;
import com.amazon.ask.model.SessionEndedRequest;
import com.amazon.ask.request.Predicates;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything around the car commands: launch, the AMAZON built-in intents, session end and failures. */
final class ConversationHandlers {

    static final String WELCOME = "Welcome to Genie. You can say: open my trunk, lock my car, "
            + "or is my car locked. What would you like?";
    static final String HELP = "I can lock or unlock your car, open or close the trunk, doors and windows, "
            + "switch the headlights and the climate control, set the temperature, and tell you whether your car "
            + "is locked. What would you like?";
    static final String FALLBACK = "Sorry, Genie can't help with that. " + HELP;
    static final String REPROMPT = "For example, say: open my trunk.";
    static final String GOODBYE = "Goodbye.";
    static final String UNSUPPORTED = "Sorry, Genie can't do that.";

    private ConversationHandlers() {
    }

    static final class Launch implements RequestHandler {
        @Override
        public boolean canHandle(HandlerInput input) {
            return input.matches(Predicates.requestType(LaunchRequest.class));
        }

        @Override
        public Optional<Response> handle(HandlerInput input) {
            return Replies.ask(input, WELCOME, REPROMPT);
        }
    }

    /** Help, Fallback and NavigateHome: say what the skill can do and keep listening. */
    static final class Help implements RequestHandler {
        @Override
        public boolean canHandle(HandlerInput input) {
            return VehicleIntentHandler.intentOf(input).filter(i -> i == AlexaIntent.HELP
                    || i == AlexaIntent.FALLBACK || i == AlexaIntent.NAVIGATE_HOME).isPresent();
        }

        @Override
        public Optional<Response> handle(HandlerInput input) {
            boolean fallback = VehicleIntentHandler.intentOf(input).orElseThrow() == AlexaIntent.FALLBACK;
            return Replies.ask(input, fallback ? FALLBACK : HELP, REPROMPT);
        }
    }

    static final class Goodbye implements RequestHandler {
        @Override
        public boolean canHandle(HandlerInput input) {
            return VehicleIntentHandler.intentOf(input)
                    .filter(i -> i == AlexaIntent.STOP || i == AlexaIntent.CANCEL).isPresent();
        }

        @Override
        public Optional<Response> handle(HandlerInput input) {
            return input.getResponseBuilder().withSpeech(GOODBYE).withShouldEndSession(true).build();
        }
    }

    /** Any other intent (a built-in outside the model, a newer model than this code): registered last. */
    static final class Unsupported implements RequestHandler {
        @Override
        public boolean canHandle(HandlerInput input) {
            return input.matches(Predicates.requestType(IntentRequest.class));
        }

        @Override
        public Optional<Response> handle(HandlerInput input) {
            return Replies.tell(input, UNSUPPORTED);
        }
    }

    /** Alexa expects no speech in answer to SessionEndedRequest. */
    static final class SessionEnded implements RequestHandler {
        private static final Logger LOG = LoggerFactory.getLogger(SessionEnded.class);

        @Override
        public boolean canHandle(HandlerInput input) {
            return input.matches(Predicates.requestType(SessionEndedRequest.class));
        }

        @Override
        public Optional<Response> handle(HandlerInput input) {
            SessionEndedRequest ended = (SessionEndedRequest) input.getRequestEnvelope().getRequest();
            if (ended.getError() != null) {
                LOG.info("Alexa session ended with error {}: {}", ended.getError().getType(),
                        ended.getError().getMessage());
            }
            return input.getResponseBuilder().build();
        }
    }

    /** Anything a handler did not expect, including request types the skill has no handler for. */
    static final class Failure implements ExceptionHandler {
        private static final Logger LOG = LoggerFactory.getLogger(Failure.class);

        @Override
        public boolean canHandle(HandlerInput input, Throwable throwable) {
            return true;
        }

        @Override
        public Optional<Response> handle(HandlerInput input, Throwable throwable) {
            LOG.warn("Alexa request {} failed: {}", input.getRequestEnvelope().getRequest().getType(),
                    throwable.toString());
            return Replies.tell(input, VehicleIntentHandler.UNAVAILABLE);
        }
    }
}
