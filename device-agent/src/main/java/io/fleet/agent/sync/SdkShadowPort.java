package io.fleet.agent.sync;

import io.fleet.model.vehicle.VehicleAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.V2ErrorResponseException;

/**
 * The classic shadow of one thing: GET through the AWS IoT Device SDK v2 {@link IotShadowV2Client}, updates through
 * the {@link ShadowUpdateChannel}'s permanent subscriptions. The futures complete on CRT event-loop threads;
 * {@link AgentLoop} only hands their results back to its own queue.
 */
final class SdkShadowPort implements ShadowPort {

    private static final int MAX_CONFLICT_RETRIES = 3;

    private final IotShadowV2Client shadows;
    private final ShadowUpdateChannel updates;
    private final String thing;

    SdkShadowPort(IotShadowV2Client shadows, ShadowUpdateChannel updates, String thing) {
        this.shadows = shadows;
        this.updates = updates;
        this.thing = thing;
    }

    @Override
    public CompletableFuture<Void> report(Map<String, Object> reported) {
        // Nulls are written, so lastCommand.reason = null deletes the reason of an earlier command.
        return updates.update(Map.of("state", Map.of("reported", new HashMap<>(reported)))).thenApply(accepted -> null);
    }

    @Override
    public CompletableFuture<Boolean> acknowledge(Map<String, Object> receipt, String path, Object requested,
                                                  long desiredTimestamp, long version) {
        return acknowledge(receipt, path, requested, desiredTimestamp, version, MAX_CONFLICT_RETRIES);
    }

    private CompletableFuture<Boolean> acknowledge(Map<String, Object> receipt, String path, Object requested,
                                                   long desiredTimestamp, long version, int retriesLeft) {
        Map<String, Object> update = new HashMap<>();
        update.put("state", Map.of("reported", Map.of("lastCommand", new HashMap<>(receipt))));
        update.put("version", version);
        return updates.update(update).handle((accepted, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(true);
            }
            if (errorCode(failure) != 409 || retriesLeft == 0) {
                return CompletableFuture.<Boolean>failedFuture(failure);
            }
            return stillDesired(path, requested, desiredTimestamp).thenCompose(current -> current < 0
                    ? CompletableFuture.completedFuture(false)
                    : acknowledge(receipt, path, requested, desiredTimestamp, current, retriesLeft - 1));
        }).thenCompose(next -> next);
    }

    /** The shadow's version while desired still holds {@code requested} (set at {@code timestamp}), else -1. */
    private CompletableFuture<Long> stillDesired(String path, Object requested, long timestamp) {
        GetShadowRequest get = new GetShadowRequest();
        get.thingName = thing;
        try {
            return shadows.getShadow(get).thenApply(shadow -> {
                Object desired = shadow.state == null || shadow.state.desired == null ? null
                        : VehicleAttributes.leaf(shadow.state.desired, path);
                Map<String, Object> metadata = shadow.metadata == null || shadow.metadata.desired == null ? Map.of()
                        : shadow.metadata.desired;
                boolean same = AppliedDesired.sameValue(desired, requested)
                        && (timestamp == 0 || DesiredTimestamps.of(metadata, path) == timestamp);
                return same && shadow.version != null ? shadow.version : -1L;
            });
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
                        : VehicleAttributes.leaf(shadow.state.desired, path);
                if (!AppliedDesired.sameValue(desired, requested)) {
                    return CompletableFuture.completedFuture(Optional.<AppliedDesired>empty());
                }
                Map<String, Object> update = new HashMap<>();
                update.put("state", Map.of("desired", VehicleAttributes.nestedLeaf(path, canonical)));
                update.put("version", shadow.version);
                return updates.update(update).thenApply(accepted -> Optional.of(new AppliedDesired(
                        accepted.get("version") instanceof Number ? ((Number) accepted.get("version")).longValue()
                                : 0, canonical, DesiredTimestamps.of(desiredMetadata(accepted), path))));
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> desiredMetadata(Map<String, Object> accepted) {
        Object metadata = accepted.get("metadata");
        Object desired = metadata instanceof Map ? ((Map<String, Object>) metadata).get("desired") : null;
        return desired instanceof Map ? (Map<String, Object>) desired : Map.of();
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
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof ShadowUpdateChannel.RejectedException) {
                return ((ShadowUpdateChannel.RejectedException) c).code;
            }
        }
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
