package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.shadow.ShadowOperation;
import io.fleet.cloud.shadow.ShadowReply;
import io.fleet.cloud.shadow.ShadowService;
import io.fleet.model.shadow.ExactJson;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The shadow back-end of a self-hosted deployment: requests go straight into this process's {@link ShadowService},
 * exactly as an HTTP data-plane request would, so they publish the same MQTT messages (delta, documents).
 */
public final class LocalShadowBackend implements ShadowBackend {

    private static final ObjectMapper JSON = ExactJson.newMapper();
    private final ShadowService shadows;

    public LocalShadowBackend(ShadowService shadows) {
        this.shadows = shadows;
    }

    @Override
    public CompletableFuture<Optional<ObjectNode>> get(String thing) {
        return shadows.request(ShadowOperation.GET, thing, null, new byte[0], false).thenApply(reply -> {
            if (reply.status() == 404) {
                return Optional.empty();
            }
            return Optional.of((ObjectNode) body(reply));
        });
    }

    @Override
    public CompletableFuture<Long> updateDesired(String thing, ObjectNode desired, String clientToken,
                                                 Optional<Long> expectedVersion) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("state").set("desired", desired);
        request.put("clientToken", clientToken);
        expectedVersion.ifPresent(v -> request.put("version", v));
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return shadows.request(ShadowOperation.UPDATE, thing, null, payload, false)
                .thenApply(reply -> body(reply).path("version").asLong());
    }

    private static JsonNode body(ShadowReply reply) {
        JsonNode body;
        try {
            body = JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new CompletionException(new ShadowBackendException("unreadable shadow answer", e));
        }
        if (!reply.accepted()) {
            throw new CompletionException(new ShadowBackendException(reply.status(),
                    body.path("message").asText("shadow request failed")));
        }
        return body;
    }
}
