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

    /**
     * Writes {@code receipt} (a {@code lastCommand} with status IN_PROGRESS) into reported, but only while desired
     * still holds the change being received: conditional on shadow {@code version}, and on a 409 conflict read again
     * and retried as long as {@code desired.<path>} still has {@code requested} with timestamp
     * {@code desiredTimestamp} (0: any). Completes true once written; false when desired no longer holds it (the
     * cloud cancelled, expired or replaced the command), which the shadow service decided, so the agent and a
     * cancelling cloud never both win.
     */
    CompletableFuture<Boolean> acknowledge(Map<String, Object> receipt, String path, Object requested,
                                           long desiredTimestamp, long version);

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
