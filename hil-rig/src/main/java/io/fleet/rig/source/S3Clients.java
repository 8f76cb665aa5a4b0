package io.fleet.rig.source;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client of a rig: Amazon S3 by default (region and credentials from the default chains), or any
 * S3-compatible endpoint such as the platform's embedded S3Proxy (endpoint override, path-style addressing).
 */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * @param endpoint  null for Amazon S3
     * @param region    null to use the default region chain ({@code AWS_REGION}, profile)
     * @param accessKey null to use the default credentials chain
     */
    public static S3Client create(URI endpoint, String region, String accessKey, String secretKey) {
        AwsCredentialsProvider credentials = accessKey == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials);
        if (region != null) {
            builder.region(Region.of(region));
        } else if (endpoint != null) {
            builder.region(Region.US_EAST_1); // S3-compatible stores ignore it, but the signer needs one
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }
}
