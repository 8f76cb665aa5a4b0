package io.fleet.cloud.alexa;

import com.amazon.ask.CustomSkill;
import com.amazon.ask.builder.CustomSkillBuilder;
import com.amazon.ask.model.RequestEnvelope;
import com.amazon.ask.model.ResponseEnvelope;
import com.amazon.ask.util.JacksonSerializer;
import io.fleet.cloud.users.UserDirectory;
import io.fleet.cloud.users.VoicePins;
import io.fleet.cloud.vehicles.Vehicles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * The Alexa skill "genie" (ASK SDK {@link CustomSkill}): one object behind both the HTTPS endpoint
 * ({@link AlexaHttpEndpoint}) and AWS Lambda ({@link AlexaLambdaHandler}). Handlers are built once; the ASK
 * serializer's ObjectMapper is shared.
 *
 * <p>Thread: {@link #invoke} blocks (account lookup, the voice PIN check, the command, up to {@code confirmationWait}
 * for the car's confirmation), so callers run it on a worker thread, never on an event loop.
 */
public final class GenieSkill {

    /** How long the skill waits for the car's confirmation before answering "not confirmed yet". */
    public static final Duration DEFAULT_CONFIRMATION_WAIT = Duration.ofMillis(2500);
    /** Upper bound for each call to the user directory and vehicles service. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(3);

    private static final JacksonSerializer SERIALIZER = new JacksonSerializer();

    private final CustomSkill skill;

    public GenieSkill(UserDirectory users, Vehicles vehicles, VoicePins pins) {
        this(users, vehicles, pins, DEFAULT_CONFIRMATION_WAIT, DEFAULT_CALL_TIMEOUT);
    }

    public GenieSkill(UserDirectory users, Vehicles vehicles, VoicePins pins, Duration confirmationWait,
                      Duration callTimeout) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(vehicles, "vehicles");
        Objects.requireNonNull(pins, "pins");
        SkillModels models = new SkillModels();
        this.skill = new CustomSkillBuilder()
                .addRequestHandlers(
                        new VehicleIntentHandler(users, vehicles, pins, models, confirmationWait, callTimeout),
                        new ConversationHandlers.Launch(),
                        new ConversationHandlers.Help(),
                        new ConversationHandlers.Goodbye(),
                        new ConversationHandlers.SessionEnded(),
                        new ConversationHandlers.Unsupported())
                .addExceptionHandler(new ConversationHandlers.Failure())
                .build();
    }

    /** Answers one request; blocking, see the class comment. */
    public ResponseEnvelope invoke(RequestEnvelope request) {
        return skill.invoke(request);
    }

    /** Parses a request envelope (JSON). Throws on malformed JSON or an envelope of the wrong shape. */
    public static RequestEnvelope parse(byte[] json) {
        return SERIALIZER.deserialize(new ByteArrayInputStream(json), RequestEnvelope.class);
    }

    public static byte[] serialize(ResponseEnvelope response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        SERIALIZER.serialize(response, out);
        return out.toByteArray();
    }
}
