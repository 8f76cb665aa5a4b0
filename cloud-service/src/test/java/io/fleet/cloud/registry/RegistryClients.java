package io.fleet.cloud.registry;

import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The unmodified AWS SDK v2 control-plane client, pointed at the service as a user would point it. As an extension
 * it hands tests an {@link IotClient} for the shared {@link RunningCloud}, closed when the test class ends.
 */
public final class RegistryClients implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IotClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningCloud cloud = (RunningCloud) new CloudServiceExtension().resolveParameter(parameter, context);
        return context.getStore(ExtensionContext.Namespace.create(RegistryClients.class))
                .getOrComputeIfAbsent(ClosingClient.class,
                        k -> new ClosingClient(iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback")),
                        ClosingClient.class).client();
    }

    private record ClosingClient(IotClient client) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * Apache's HTTP client, not URLConnection: {@code HttpURLConnection} cannot send PATCH, which UpdateThing is.
     */
    public static IotClient iot(String httpBase, String keyId, String secret) {
        return IotClient.builder()
                .endpointOverride(URI.create(httpBase))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }
}
