package io.fleet.agent.sync;

import java.util.HashMap;
import io.fleet.model.vehicle.VehicleAttributes;
import java.util.Map;
import java.util.Optional;
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

    private static final int MAX_CONFLICT_RETRIES = 3;

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
        // Serialize nulls, so lastCommand.reason = null deletes the reason of an earlier command.
        request.state.reportedIsNullable = true;
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

    @Override
    public CompletableFuture<Optional<AppliedDesired>> canonicalizeDesired(String path, Object requested,
                                                                         Object canonical) {
        return canonicalize(path, requested, canonical, MAX_CONFLICT_RETRIES);
    }

    private CompletableFuture<Optional<AppliedDesired>> canonicalize(String path, Object requested, Object canonical,
                                                                     int retriesLeft) {
        GetShadowRequest get = new GetShadowRequest();
        get.thingName = thing;
        try {
            return shadows.getShadow(get).thenCompose(shadow -> {
                Object desired = shadow.state == null || shadow.state.desired == null ? null
                        : leaf(shadow.state.desired, path);
                if (!AppliedDesired.sameValue(desired, requested)) {
                    return CompletableFuture.completedFuture(Optional.<AppliedDesired>empty());
                }
                UpdateShadowRequest update = new UpdateShadowRequest();
                update.thingName = thing;
                update.version = shadow.version;
                update.state = new ShadowState();
                update.state.desired = new HashMap<>(VehicleAttributes.nestedLeaf(path, canonical));
                return shadows.updateShadow(update).thenApply(accepted -> Optional.of(new AppliedDesired(
                        accepted.version == null ? 0 : accepted.version, canonical,
                        accepted.metadata == null || accepted.metadata.desired == null ? 0
                                : DesiredTimestamps.of(accepted.metadata.desired, path))));
            }).handle((result, failure) -> {
                if (failure == null) {
                    return CompletableFuture.completedFuture(result);
                }
                if (errorCode(failure) == 409 && retriesLeft > 0) {
                    return canonicalize(path, requested, canonical, retriesLeft - 1);
                }
                return CompletableFuture.<Optional<AppliedDesired>>failedFuture(failure);
            }).thenCompose(next -> next);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Object leaf(Map<String, Object> nested, String path) {
        Object node = nested;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(part);
        }
        return node;
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
        return errorCode(failure) == 404;
    }

    /** The shadow service's error code (400, 404, 409...) in a failure, or 0 when it is not a service error. */
    private static int errorCode(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof V2ErrorResponseException)) {
            cause = cause.getCause();
        }
        if (cause == null || ((V2ErrorResponseException) cause).getModeledError() == null
                || ((V2ErrorResponseException) cause).getModeledError().code == null) {
            return 0;
        }
        return ((V2ErrorResponseException) cause).getModeledError().code;
    }
}
