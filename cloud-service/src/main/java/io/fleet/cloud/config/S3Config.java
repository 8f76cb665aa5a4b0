package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where drive logs are stored: the embedded S3Proxy (default) or an external S3 endpoint / Amazon S3.
 *
 * @param embedded        serve an S3-compatible endpoint in-process (S3Proxy, filesystem back-end in
 *                        {@code dataDir/s3/blobs}, path-style, credentials generated into
 *                        {@code dataDir/s3/credentials}); false: use {@code endpoint} or Amazon S3
 * @param host            embedded: listen address (default 127.0.0.1)
 * @param port            embedded: port (default 9000; 0 picks a free one)
 * @param endpoint        external: an S3-compatible endpoint URL (path-style); null = Amazon S3
 * @param region          signing region (default us-east-1)
 * @param bucket          the drive-log bucket (default drive-logs; the embedded store creates it)
 * @param credentialsFile external: an AWS shared-credentials file (profile default); null = the AWS SDK's
 *                        default credentials chain (environment, instance/task role, ~/.aws)
 */
public record S3Config(boolean embedded, String host, int port, String endpoint, String region, String bucket,
                       Path credentialsFile) {
    public static final int DEFAULT_PORT = 9000;
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final String DEFAULT_BUCKET = "drive-logs";

    public S3Config {
        Objects.requireNonNull(host, "s3.host");
        Objects.requireNonNull(region, "s3.region");
        Objects.requireNonNull(bucket, "s3.bucket");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("s3.port must be 0 to 65535, got " + port);
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("s3.bucket '" + bucket + "' is not a valid S3 bucket name "
                    + "(3-63 characters: lower-case letters, digits, dots and hyphens)");
        }
        if (embedded && (endpoint != null || credentialsFile != null)) {
            throw new IllegalArgumentException("s3.endpoint and s3.credentialsFile are for an external S3 "
                    + "(s3.embedded: false); the embedded one generates its credentials");
        }
    }

    @JsonCreator
    static S3Config fromYaml(@JsonProperty("embedded") Boolean embedded, @JsonProperty("host") String host,
                             @JsonProperty("port") Integer port, @JsonProperty("endpoint") String endpoint,
                             @JsonProperty("region") String region, @JsonProperty("bucket") String bucket,
                             @JsonProperty("credentialsFile") Path credentialsFile) {
        return new S3Config(embedded == null || embedded, host != null ? host : DEFAULT_HOST,
                port != null ? port : DEFAULT_PORT, endpoint, region != null ? region : DEFAULT_REGION,
                bucket != null ? bucket : DEFAULT_BUCKET, credentialsFile);
    }

    /** The embedded store on 127.0.0.1:9000, bucket drive-logs in us-east-1. */
    public static S3Config defaults() {
        return embeddedOn(DEFAULT_PORT);
    }

    /** The embedded store on 127.0.0.1:{@code port} (0: a free one). */
    public static S3Config embeddedOn(int port) {
        return new S3Config(true, DEFAULT_HOST, port, null, DEFAULT_REGION, DEFAULT_BUCKET, null);
    }

    /**
     * An external S3-compatible endpoint (null: Amazon S3) signed in {@code region} (null: us-east-1) with the
     * profile default of {@code credentialsFile} (null: the AWS SDK's default chain).
     */
    public static S3Config external(String endpoint, String region, String bucket, Path credentialsFile) {
        return fromYaml(false, null, null, endpoint, region, bucket, credentialsFile);
    }

    public S3Config withPort(int newPort) {
        return new S3Config(embedded, host, newPort, endpoint, region, bucket, credentialsFile);
    }
}
