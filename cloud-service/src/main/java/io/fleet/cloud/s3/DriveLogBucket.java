package io.fleet.cloud.s3;

import io.fleet.cloud.config.S3Config;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The drive-log bucket and the S3 client that reaches it: the embedded S3Proxy (started here, bucket created on
 * first start) or an external S3-compatible endpoint / Amazon S3, where the bucket must already exist. The same
 * code path (AWS SDK v2 {@link S3Client}) serves both; it outlasts stale keep-alive connections after an S3 restart
 * ({@link StaleConnections}).
 */
public final class DriveLogBucket implements AutoCloseable {

    private final S3Client client;
    private final String bucket;
    private final EmbeddedS3 embedded;

    private DriveLogBucket(S3Client client, String bucket, EmbeddedS3 embedded) {
        this.client = client;
        this.bucket = bucket;
        this.embedded = embedded;
    }

    public static DriveLogBucket open(S3Config settings, Path dataDir) throws Exception {
        if (!settings.embedded()) {
            S3Client client = client(settings.endpoint() == null ? null : URI.create(settings.endpoint()),
                    settings.region(), credentials(settings.credentialsFile()));
            DriveLogBucket bucket = new DriveLogBucket(client, settings.bucket(), null);
            bucket.checkExists();
            return bucket;
        }
        EmbeddedS3 embedded = EmbeddedS3.start(dataDir.resolve("s3"), settings.host(), settings.port());
        try {
            S3Credentials keys = embedded.credentials();
            S3Client client = client(embedded.endpoint(), settings.region(), StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())));
            try {
                client.createBucket(b -> b.bucket(settings.bucket()));
            } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                // every start after the first
            }
            return new DriveLogBucket(client, settings.bucket(), embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** The profile {@code default} of an AWS shared-credentials file, or the SDK's default chain for none. */
    public static AwsCredentialsProvider credentials(Path file) {
        if (file == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return ProfileCredentialsProvider.builder().profileFile(ProfileFile.builder().content(file)
                .type(ProfileFile.Type.CREDENTIALS).build()).profileName("default").build();
    }

    /** Path-style for an endpoint override (S3-compatible stores), virtual-hosted for Amazon S3. */
    static S3Client client(URI endpoint, String region, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(StaleConnections::outlast)
                .credentialsProvider(credentials).region(Region.of(region));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }

    private void checkExists() throws IOException {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new IOException("s3.bucket " + bucket + " does not exist at "
                    + client.serviceClientConfiguration().endpointOverride().map(URI::toString).orElse("Amazon S3"));
        }
    }

    public S3Client client() {
        return client;
    }

    public String bucket() {
        return bucket;
    }

    /** The embedded store, when this service runs one. */
    public Optional<EmbeddedS3> embedded() {
        return Optional.ofNullable(embedded);
    }

    @Override
    public void close() throws Exception {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
