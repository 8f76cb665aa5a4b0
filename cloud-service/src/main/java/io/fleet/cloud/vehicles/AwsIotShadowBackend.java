package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.model.shadow.ExactJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.IotDataPlaneException;
import software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException;

/**
 * The shadow back-end of a deployment on AWS IoT Core: GetThingShadow and UpdateThingShadow through the AWS SDK
 * v2 {@link IotDataPlaneClient} (credentials, region and endpoint as the SDK resolves them, or an endpoint
 * override). The same code talks to this project's own HTTP data plane, which is how it is tested.
 *
 * <p>Threads: the SDK client blocks, so every call runs on the {@code blocking} executor.
 */
public final class AwsIotShadowBackend implements ShadowBackend, AutoCloseable {

    private static final ObjectMapper JSON = ExactJson.newMapper();
    private final IotDataPlaneClient client;
    private final Executor blocking;

    public AwsIotShadowBackend(IotDataPlaneClient client, Executor blocking) {
        this.client = client;
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<Optional<ObjectNode>> get(String thing) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                byte[] body = client.getThingShadow(b -> b.thingName(thing)).payload().asByteArray();
                return Optional.of((ObjectNode) JSON.readTree(body));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            } catch (IotDataPlaneException e) {
                throw new CompletionException(failure(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, blocking);
    }

    @Override
    public CompletableFuture<Long> updateDesired(String thing, ObjectNode desired, String clientToken,
                                                 Optional<Long> expectedVersion) {
        return CompletableFuture.supplyAsync(() -> {
            ObjectNode request = JSON.createObjectNode();
            request.putObject("state").set("desired", desired);
            request.put("clientToken", clientToken);
            expectedVersion.ifPresent(v -> request.put("version", v));
            try {
                SdkBytes payload = SdkBytes.fromByteArray(JSON.writeValueAsBytes(request));
                byte[] answer = client.updateThingShadow(b -> b.thingName(thing).payload(payload)).payload()
                        .asByteArray();
                JsonNode accepted = JSON.readTree(answer);
                return accepted.path("version").asLong();
            } catch (IotDataPlaneException e) {
                throw new CompletionException(failure(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, blocking);
    }

    private static ShadowBackendException failure(IotDataPlaneException e) {
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
        return new ShadowBackendException(e.statusCode(), message);
    }

    @Override
    public void close() {
        client.close();
    }
}
