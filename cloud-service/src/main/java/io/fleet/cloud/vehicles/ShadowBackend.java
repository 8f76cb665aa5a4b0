package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where vehicle shadows live for the app API and Alexa: this service's own shadow service
 * ({@link LocalShadowBackend}) or AWS IoT Core's data plane ({@link AwsIotShadowBackend}), chosen by configuration.
 * Change events come separately, from the MQTT {@code /update/documents} topics ({@link VehicleEventsSubscriber}).
 * Methods never throw; failures arrive as {@link ShadowBackendException} through the future.
 */
public interface ShadowBackend {

    /** The classic shadow as AWS IoT's GetThingShadow returns it, or empty when the thing has none. */
    CompletableFuture<Optional<ObjectNode>> get(String thing);

    /**
     * Writes {@code {"state": {"desired": desired}, "clientToken": clientToken}} (plus {@code "version"} when
     * {@code expectedVersion} is given, for optimistic locking) and completes with the new shadow version.
     */
    CompletableFuture<Long> updateDesired(String thing, ObjectNode desired, String clientToken,
                                          Optional<Long> expectedVersion);
}
