package io.fleet.agent.sync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The classic shadow of this agent's thing, as the agent loop needs it. The SDK implementation is
 * {@link SdkShadowPort}; tests use a fake. Methods never throw: they return failed futures.
 */
public interface ShadowPort {

    /** Writes {@code reported} (nested JSON values) into the shadow's reported section. */
    CompletableFuture<Void> report(Map<String, Object> reported);

    /** The shadow's current delta, empty when there is no shadow or nothing desired differs. */
    CompletableFuture<Snapshot> get();

    /**
     * Replaces a desired shorthand (window "down") by the canonical value the vehicle reports (100), so no delta
     * remains, but only while desired still holds {@code requested}: a versioned update, re-read and retried on a
     * 409 version conflict. Completes with the new desired leaf's version and timestamp, or empty when desired
     * changed meanwhile and nothing was written.
     */
    CompletableFuture<Optional<AppliedDesired>> canonicalizeDesired(String path, Object requested, Object canonical);

    /** A GET's answer: version, delta state and the desired metadata of the delta's leaves. */
    record Snapshot(long version, Map<String, Object> delta, Map<String, Object> desiredMetadata) {
    }
}
