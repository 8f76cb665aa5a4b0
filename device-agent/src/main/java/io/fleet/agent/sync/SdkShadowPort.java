package io.fleet.agent.sync;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.ShadowState;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.V2ErrorResponseException;

/**
 * The classic shadow of one thing through the AWS IoT Device SDK v2 {@link IotShadowV2Client}. The futures complete
 * on CRT event-loop threads; {@link AgentLoop} only hands their results back to its own queue.
 */
final class SdkShadowPort implements ShadowPort {

    private final IotShadowV2Client shadows;
    private final String thing;

    SdkShadowPort(IotShadowV2Client shadows, String thing) {
        this.shadows = shadows;
        this.thing = thing;
    }

    @Override
    public CompletableFuture<Void> report(Map<String, Object> reported) {
        UpdateShadowRequest request = new UpdateShadowRequest();
        request.thingName = thing;
        request.state = new ShadowState();
        request.state.reported = new HashMap<>(reported);
        try {
            return shadows.updateShadow(request).thenApply(accepted -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Snapshot> get() {
        GetShadowRequest request = new GetShadowRequest();
        request.thingName = thing;
        try {
            return shadows.getShadow(request).handle((response, failure) -> {
                if (failure == null) {
                    return snapshotOf(response);
                }
                if (isNotFound(failure)) {
                    return new Snapshot(0, Map.of(), Map.of());
                }
                throw failure instanceof RuntimeException ? (RuntimeException) failure
                        : new IllegalStateException(failure);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Snapshot snapshotOf(GetShadowResponse response) {
        long version = response.version == null ? 0 : response.version;
        Map<String, Object> delta = response.state == null || response.state.delta == null ? Map.of()
                : response.state.delta;
        Map<String, Object> metadata = response.metadata == null || response.metadata.desired == null ? Map.of()
                : response.metadata.desired;
        return new Snapshot(version, delta, metadata);
    }

    private static boolean isNotFound(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof V2ErrorResponseException)) {
            cause = cause.getCause();
        }
        return cause != null && ((V2ErrorResponseException) cause).getModeledError() != null
                && Integer.valueOf(404).equals(((V2ErrorResponseException) cause).getModeledError().code);
    }
}
