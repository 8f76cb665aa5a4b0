package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;

/**
 * S3 Event Notifications of the drive-log bucket ({@code s3:ObjectCreated:*}) delivered to an SQS queue: the
 * production ingest trigger, used instead of listing the bucket when {@code queueUrl} is set.
 *
 * @param queueUrl        the queue's URL; null = list the bucket ({@code ingest.pollIntervalMillis})
 * @param region          the queue's region (default {@code s3.region})
 * @param endpoint        an SQS-compatible endpoint (ElasticMQ, LocalStack); null = Amazon SQS
 * @param credentialsFile an AWS shared-credentials file (profile default); null = the AWS SDK's default chain
 * @param longPoll        long-poll wait of one receive, whole seconds 0-20 (YAML {@code waitSeconds},
 *                        default 20)
 */
public record SqsConfig(String queueUrl, String region, String endpoint, Path credentialsFile, Duration longPoll) {
    public static final int MAX_WAIT_SECONDS = 20;

    public SqsConfig {
        checkLongPoll("ingest.sqs.waitSeconds", longPoll);
    }

    /**
     * SQS takes a long-poll wait of whole seconds 0-20.
     *
     * @param source what set it (the YAML key, or a command-line flag), named in the error
     * @throws IllegalArgumentException naming {@code source} when {@code longPoll} is outside that
     */
    public static void checkLongPoll(String source, Duration longPoll) {
        if (longPoll.isNegative() || longPoll.compareTo(Duration.ofSeconds(MAX_WAIT_SECONDS)) > 0
                || longPoll.toMillisPart() != 0) {
            throw new IllegalArgumentException(source + " must be 0 to " + MAX_WAIT_SECONDS + " (SQS long polling), "
                    + "got " + (longPoll.toMillisPart() == 0 ? String.valueOf(longPoll.toSeconds())
                    : longPoll.toString()));
        }
    }

    @JsonCreator
    static SqsConfig fromYaml(@JsonProperty("queueUrl") String queueUrl, @JsonProperty("region") String region,
                              @JsonProperty("endpoint") String endpoint,
                              @JsonProperty("credentialsFile") Path credentialsFile,
                              @JsonProperty("waitSeconds") Integer waitSeconds) {
        return new SqsConfig(queueUrl, region, endpoint, credentialsFile, YamlValues.seconds(waitSeconds,
                MAX_WAIT_SECONDS));
    }

    /** No queue: the bucket is listed. */
    public static SqsConfig off() {
        return fromYaml(null, null, null, null, null);
    }

    /** The long-poll wait in whole seconds, as SQS takes it. */
    public int waitSeconds() {
        return (int) longPoll.toSeconds();
    }

    public boolean enabled() {
        return queueUrl != null && !queueUrl.isBlank();
    }
}
