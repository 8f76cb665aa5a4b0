package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Limits of one {@code POST /api/query}.
 *
 * @param maxRows rows answered at most (default 10000; beyond them the answer says {@code truncated})
 * @param maxTime a query running longer is cancelled and answered 400 (YAML {@code maxSeconds}, default 30)
 */
public record QueryConfig(int maxRows, Duration maxTime) {
    public QueryConfig {
        if (maxRows < 1 || maxTime.toSeconds() < 1) {
            throw new IllegalArgumentException("ingest.query: maxRows and maxSeconds must be >= 1, got "
                    + maxRows + ", " + maxTime.toSeconds());
        }
    }

    @JsonCreator
    static QueryConfig fromYaml(@JsonProperty("maxRows") Integer maxRows,
                                @JsonProperty("maxSeconds") Integer maxSeconds) {
        return new QueryConfig(maxRows != null ? maxRows : 10_000, YamlValues.seconds(maxSeconds, 30));
    }

    public static QueryConfig defaults() {
        return fromYaml(null, null);
    }
}
