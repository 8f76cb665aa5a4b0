package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * Drive-log ingest from {@code s3://<bucket>/raw/<vehicle>/...} into the catalog.
 *
 * @param enabled             run the poller and the workers in this service (default true)
 * @param pollInterval        pause between two listings of {@code raw/} (YAML {@code pollIntervalMillis},
 *                            default 1000)
 * @param workers             drive logs ingested at once by this instance (default 1); 0: this instance only
 *                            catalogs new objects and worker processes ({@code ./fleet ingest worker}) ingest
 * @param claim               the lease of a worker's claim on a drive log (YAML {@code claimSeconds}, default
 *                            30): renewed every third of it while the worker ingests, so a log being read never
 *                            expires; the log of a worker that died is taken over by another at most this long
 *                            after its last renewal
 * @param signalRoles         which decoded signals scenario detection and the trip summary read
 * @param sqs                 the production trigger: the bucket's S3 Event Notifications through SQS instead of
 *                            listing {@code raw/} (off unless {@code sqs.queueUrl} is set)
 * @param query               the limits of {@code POST /api/query}
 */
public record IngestConfig(boolean enabled, Duration pollInterval, int workers, Duration claim,
                           SignalRolesConfig signalRoles, SqsConfig sqs, QueryConfig query) {
    public IngestConfig {
        Objects.requireNonNull(signalRoles, "ingest.signalRoles");
        Objects.requireNonNull(sqs, "ingest.sqs");
        Objects.requireNonNull(query, "ingest.query");
        if (pollInterval.toMillis() < 10 || workers < 0 || claim.toSeconds() < 1) {
            throw new IllegalArgumentException("ingest: pollIntervalMillis must be >= 10, workers >= 0 and "
                    + "claimSeconds >= 1, got " + pollInterval.toMillis() + ", " + workers + ", "
                    + claim.toSeconds());
        }
    }

    @JsonCreator
    static IngestConfig fromYaml(@JsonProperty("enabled") Boolean enabled,
                                 @JsonProperty("pollIntervalMillis") Integer pollIntervalMillis,
                                 @JsonProperty("workers") Integer workers,
                                 @JsonProperty("claimSeconds") Integer claimSeconds,
                                 @JsonProperty("signalRoles") SignalRolesConfig signalRoles,
                                 @JsonProperty("sqs") SqsConfig sqs, @JsonProperty("query") QueryConfig query) {
        return new IngestConfig(enabled == null || enabled, YamlValues.millis(pollIntervalMillis, 1000),
                workers != null ? workers : 1, YamlValues.seconds(claimSeconds, 30),
                signalRoles != null ? signalRoles : SignalRolesConfig.defaults(), sqs != null ? sqs : SqsConfig.off(),
                query != null ? query : QueryConfig.defaults());
    }

    /** Listing {@code raw/} every second, one worker in this instance, claims of 30 s. */
    public static IngestConfig defaults() {
        return fromYaml(null, null, null, null, null, null, null);
    }

    public IngestConfig withPollInterval(Duration interval) {
        return new IngestConfig(enabled, interval, workers, claim, signalRoles, sqs, query);
    }

    public IngestConfig withWorkers(int count) {
        return new IngestConfig(enabled, pollInterval, count, claim, signalRoles, sqs, query);
    }

    public IngestConfig withClaim(Duration lease) {
        return new IngestConfig(enabled, pollInterval, workers, lease, signalRoles, sqs, query);
    }

    public IngestConfig withSqs(SqsConfig trigger) {
        return new IngestConfig(enabled, pollInterval, workers, claim, signalRoles, trigger, query);
    }

    public IngestConfig withQuery(QueryConfig limits) {
        return new IngestConfig(enabled, pollInterval, workers, claim, signalRoles, sqs, limits);
    }
}
