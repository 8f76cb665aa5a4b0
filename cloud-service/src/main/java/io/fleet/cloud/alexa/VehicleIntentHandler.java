package io.fleet.cloud.alexa;

import com.amazon.ask.dispatcher.request.handler.HandlerInput;
import com.amazon.ask.dispatcher.request.handler.RequestHandler;
import com.amazon.ask.model.IntentRequest;
import com.amazon.ask.model.Response;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserDirectory;
import io.fleet.cloud.users.VoicePins;
import io.fleet.cloud.vehicles.InvalidCommandException;
import io.fleet.cloud.vehicles.VehicleCommand;
import io.fleet.cloud.vehicles.VehicleNotFoundException;
import io.fleet.cloud.vehicles.VehicleView;
import io.fleet.cloud.vehicles.Vehicles;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command and status intents: the linked account's user, then which vehicle, then either the command (the voice PIN
 * if the command opens the car ({@link VoicePinGate}), submit, wait for the car's confirmation, say what really
 * happened) or the status question (read what the car reported).
 *
 * <p>Thread: a skill worker thread; it blocks on the user directory and the vehicles service, at most
 * {@code confirmationWait} for the car plus {@code callTimeout} per call.
 */
final class VehicleIntentHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(VehicleIntentHandler.class);
    static final String UNAVAILABLE = "Sorry, I couldn't reach your car's service just now. Please try again.";
    static final String NOT_FOUND = "I couldn't find that car on your account.";

    private final UserDirectory users;
    private final Vehicles vehicles;
    private final SkillModels models;
    private final VoicePinGate pinGate;
    private final Duration confirmationWait;
    private final Duration callTimeout;

    VehicleIntentHandler(UserDirectory users, Vehicles vehicles, VoicePins pins, SkillModels models,
                         Duration confirmationWait, Duration callTimeout) {
        this.users = users;
        this.vehicles = vehicles;
        this.models = models;
        this.pinGate = new VoicePinGate(pins);
        this.confirmationWait = confirmationWait;
        this.callTimeout = callTimeout;
    }

    @Override
    public boolean canHandle(HandlerInput input) {
        return intentOf(input).filter(i -> i.kind() != AlexaIntent.Kind.BUILT_IN).isPresent();
    }

    static Optional<AlexaIntent> intentOf(HandlerInput input) {
        if (!(input.getRequestEnvelope().getRequest() instanceof IntentRequest)) {
            return Optional.empty();
        }
        IntentRequest request = (IntentRequest) input.getRequestEnvelope().getRequest();
        return request.getIntent() == null ? Optional.empty() : AlexaIntent.byName(request.getIntent().getName());
    }

    @Override
    public Optional<Response> handle(HandlerInput input) {
        AlexaIntent intent = intentOf(input).orElseThrow();
        IntentRequest request = (IntentRequest) input.getRequestEnvelope().getRequest();
        String locale = models.localeOf(request.getLocale());
        Slots slots = new Slots(request.getIntent(), models.model(locale));
        try {
            Optional<User> user = linkedUser(input);
            if (user.isEmpty()) {
                return Replies.linkAccount(input);
            }
            Interpretation interpretation = intent.kind() == AlexaIntent.Kind.COMMAND
                    ? IntentCommands.interpret(intent, slots, locale) : null;
            if (interpretation instanceof Interpretation.Ask) {
                Interpretation.Ask ask = (Interpretation.Ask) interpretation;
                return Replies.elicit(input, ask.slot(), ask.question());
            }
            if (interpretation instanceof Interpretation.Refuse) {
                return Replies.tell(input, ((Interpretation.Refuse) interpretation).speech());
            }
            VehicleChoice choice = VehicleChoice.choose(candidates(user.get()), user.get().defaultVehicle(),
                    slots.spoken(AlexaIntent.VEHICLE_SLOT));
            if (choice instanceof VehicleChoice.Ask) {
                return Replies.elicit(input, AlexaIntent.VEHICLE_SLOT, ((VehicleChoice.Ask) choice).question());
            }
            if (choice instanceof VehicleChoice.NoVehicle) {
                return Replies.tell(input, ((VehicleChoice.NoVehicle) choice).speech());
            }
            String vehicle = ((VehicleChoice.Chosen) choice).vehicle();
            if (interpretation instanceof Interpretation.Action action && VoicePinGate.guards(action)) {
                VoicePinGate.Decision pin = pinGate.check(user.get(), slots,
                        models.model(locale).intent(intent.intentName())
                                .flatMap(i -> i.elicitation(VoicePinGate.PIN_SLOT)), callTimeout);
                if (pin instanceof VoicePinGate.Decision.Ask ask) {
                    return Replies.elicit(input, VoicePinGate.PIN_SLOT, ask.question());
                }
                if (pin instanceof VoicePinGate.Decision.Refuse refuse) {
                    LOG.info("Alexa {} for {} refused by the voice PIN check", intent.intentName(), user.get().name());
                    return Replies.tell(input, refuse.speech());
                }
            }
            String speech = interpretation != null
                    ? command(user.get(), vehicle, (Interpretation.Action) interpretation,
                            slots.spoken(VoicePinGate.PIN_SLOT).map(p -> p.replace(" ", "")))
                    : status(user.get(), vehicle, intent, locale);
            return Replies.tell(input, speech);
        } catch (VehicleNotFoundException e) {
            return Replies.tell(input, NOT_FOUND);
        } catch (InvalidCommandException e) {
            LOG.info("Alexa {} refused by the vehicle vocabulary: {}", intent.intentName(), e.getMessage());
            return Replies.tell(input, "Sorry, your car can't do that.");
        } catch (TimeoutException e) {
            LOG.warn("Alexa {}: the vehicles service did not answer within {}", intent.intentName(), callTimeout);
            return Replies.tell(input, UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Replies.tell(input, UNAVAILABLE);
        } catch (Exception e) {
            LOG.warn("Alexa {} failed", intent.intentName(), e);
            return Replies.tell(input, UNAVAILABLE);
        }
    }

    private Optional<User> linkedUser(HandlerInput input) throws Exception {
        var system = input.getRequestEnvelope().getContext() != null
                ? input.getRequestEnvelope().getContext().getSystem() : null;
        String token = system != null && system.getUser() != null ? system.getUser().getAccessToken() : null;
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Await.result(users.authenticate(token), callTimeout);
    }

    private List<String> candidates(User user) throws Exception {
        if (!user.isAdmin()) {
            return user.vehicles();
        }
        return Await.result(vehicles.list(user), callTimeout).stream().map(VehicleView::vehicle).toList();
    }

    /** {@code pin}: the PIN the gate accepted, for vehicles behind the app API, which checks it again. */
    private String command(User user, String vehicle, Interpretation.Action action, Optional<String> pin)
            throws Exception {
        VehicleCommand command = Await.result(vehicles.submitWithPin(user, vehicle, action.attribute(),
                action.value(), "alexa", pin), callTimeout);
        if (!command.status().isFinal()) {
            command = Await.result(vehicles.awaitFinal(user, vehicle, command.id(), confirmationWait),
                    confirmationWait.plus(callTimeout));
        }
        LOG.debug("Alexa command {}={} on {} for {}: {}", action.attribute(), action.value(), vehicle, user.name(),
                command.status());
        return OutcomeSpeech.of(action.wording(), command);
    }

    private String status(User user, String vehicle, AlexaIntent intent, String locale) throws Exception {
        VehicleView view = Await.result(vehicles.get(user, vehicle), callTimeout);
        return StatusSpeech.of(intent, view, locale);
    }
}
