package io.fleet.agent.sync;

import java.util.Map;
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

    /** A GET's answer: version, delta state and the desired metadata of the delta's leaves. */
    record Snapshot(long version, Map<String, Object> delta, Map<String, Object> desiredMetadata) {
    }
}
