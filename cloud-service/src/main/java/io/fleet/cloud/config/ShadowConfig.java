package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fleet.cloud.shadow.ShadowCommitLanes;

/**
 * Shadow service tuning.
 *
 * @param commitLanes  parallel group-commit lanes (a shadow always maps to the same lane)
 * @param maxBatch     most requests committed in one transaction
 * @param queueLimit   requests waiting per lane before new ones are refused with 429
 * @param cachedShadows rows the lanes remember between batches so that updating a known shadow needs no read
 *                      (least recently used out; 0 = read every row each time); ~14 KB of heap each for a
 *                      vehicle-sized shadow
 */
public record ShadowConfig(int commitLanes, int maxBatch, int queueLimit, int cachedShadows) {
    @JsonCreator
    static ShadowConfig fromYaml(@JsonProperty("commitLanes") Integer commitLanes,
                                 @JsonProperty("maxBatch") Integer maxBatch,
                                 @JsonProperty("queueLimit") Integer queueLimit,
                                 @JsonProperty("cachedShadows") Integer cachedShadows) {
        return new ShadowConfig(commitLanes != null ? commitLanes : 4, maxBatch != null ? maxBatch : 256,
                queueLimit != null ? queueLimit : 10_000,
                cachedShadows != null ? cachedShadows : ShadowCommitLanes.DEFAULT_CACHED_SHADOWS);
    }

    public static ShadowConfig defaults() {
        return fromYaml(null, null, null, null);
    }

    public ShadowConfig withCommitLanes(int lanes) {
        return new ShadowConfig(lanes, maxBatch, queueLimit, cachedShadows);
    }

    public ShadowConfig withCachedShadows(int rows) {
        return new ShadowConfig(commitLanes, maxBatch, queueLimit, rows);
    }
}
