package io.fleet.cloud.registry;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

/** The unmodified AWS SDK v2 control-plane client, pointed at the service as a user would point it. */
final class RegistryClients {

    private RegistryClients() {
    }

    /**
     * Apache's HTTP client, not URLConnection: {@code HttpURLConnection} cannot send PATCH, which UpdateThing is.
     */
    static IotClient iot(String httpBase, String keyId, String secret) {
        return IotClient.builder()
                .endpointOverride(URI.create(httpBase))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }
}
