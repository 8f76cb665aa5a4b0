package io.fleet.cloud.alexa;

import com.amazon.ask.model.RequestEnvelope;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skill as an AWS Lambda function (handler {@code io.fleet.cloud.alexa.AlexaLambdaHandler::handleRequest}, the
 * cloud-service jar with its {@code lib/} as the deployment package). Lambda is invoked by the Alexa service
 * itself, so there is no signature to check; the skill id is (set the skill id condition on the Alexa trigger too).
 * It reaches users, vehicles and voice PIN checks through the fleet service's app API with the linked account's
 * token.
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code FLEET_API_URL} (required): the fleet service's base URL, e.g. {@code https://fleet.example.com}</li>
 *   <li>{@code ALEXA_APPLICATION_ID} (recommended): the skill id; other skills' requests fail</li>
 *   <li>{@code FLEET_CONFIRMATION_WAIT_MS} (default 2500): how long to wait for the car's confirmation</li>
 *   <li>{@code FLEET_API_TIMEOUT_MS} (default 3000): per app API call</li>
 * </ul>
 * Give the function a timeout of at least 10 s. The skill is built once per container.
 */
public final class AlexaLambdaHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AlexaLambdaHandler.class);

    private final GenieSkill skill;
    private final String applicationId;

    /** Called by the Lambda runtime: configuration from the environment. */
    public AlexaLambdaHandler() {
        this(System.getenv());
    }

    AlexaLambdaHandler(Map<String, String> env) {
        String api = env.get("FLEET_API_URL");
        if (api == null || api.isBlank()) {
            throw new IllegalStateException("FLEET_API_URL is not set: the fleet service's app API base URL");
        }
        Duration apiTimeout = Duration.ofMillis(Long.parseLong(env.getOrDefault("FLEET_API_TIMEOUT_MS", "3000")));
        Duration wait = Duration.ofMillis(Long.parseLong(env.getOrDefault("FLEET_CONFIRMATION_WAIT_MS", "2500")));
        AppApiClient fleet = new AppApiClient(URI.create(api), apiTimeout);
        this.skill = new GenieSkill(fleet, fleet, fleet, wait, apiTimeout);
        this.applicationId = env.get("ALEXA_APPLICATION_ID");
        if (applicationId == null || applicationId.isBlank()) {
            LOG.warn("ALEXA_APPLICATION_ID is not set: requests of any skill are answered");
        }
    }

    AlexaLambdaHandler(GenieSkill skill, String applicationId) {
        this.skill = skill;
        this.applicationId = applicationId;
    }

    /** @throws SecurityException for another skill's request, which makes the invocation fail */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] body = input.readAllBytes();
        RequestEnvelope envelope = GenieSkill.parse(body);
        if (applicationId != null && !applicationId.isBlank()) {
            new ApplicationIdVerifier(applicationId).verify(new SignedRequest(body, envelope, null, null));
        }
        output.write(GenieSkill.serialize(skill.invoke(envelope)));
        output.flush();
    }
}
