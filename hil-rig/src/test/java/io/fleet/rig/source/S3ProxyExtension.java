package io.fleet.rig.source;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts one in-process S3Proxy (in-memory blob store, loopback port, AWS v4 signatures) per test run, shared by
 * every test class that uses the extension, stopped when the run ends. Tests get an {@link S3Client} for it.
 */
public final class S3ProxyExtension implements BeforeAllCallback, ParameterResolver {

    public static final String ACCESS_KEY = "rig-test";
    public static final String SECRET_KEY = "rig-test-secret";

    /** The running proxy, stored in the root context so it closes once, after the last test. */
    private static final class Running implements AutoCloseable {
        final S3Proxy proxy;
        final URI endpoint;

        Running() throws Exception {
            proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            await("S3Proxy started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> "STARTED".equals(proxy.getState()));
            endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        }

        @Override
        public void close() {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not stop", e);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> {
                    try {
                        return new Running();
                    } catch (Exception e) {
                        throw new IllegalStateException("S3Proxy did not start", e);
                    }
                }, Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3Client.class
                || parameter.getParameter().getType() == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        URI endpoint = running(context).endpoint;
        if (parameter.getParameter().getType() == URI.class) {
            return endpoint;
        }
        return S3Clients.create(endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY);
    }
}
