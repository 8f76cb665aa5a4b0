package io.fleet.cloud.s3;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Makes an AWS SDK client on the url-connection HTTP client get past stale keep-alive connections. The transport,
 * {@code HttpURLConnection}, keeps up to {@code http.maxConnections} (default 5) idle connections per host in a
 * JVM-wide cache; after the server restarted on the same port (the S3Proxy of a restarted service, an endpoint behind
 * a restarted proxy) each of them fails the next request sent on it with "Unexpected end of file from server".
 * <ul>
 *   <li>S3 sends uploads with {@code Expect: 100-continue}; the url-connection client throws a failure while waiting
 *       for the "100 Continue" as an {@code UncheckedIOException}, which the SDK does not retry (seen: one attempt,
 *       the exception thrown to the caller). Without the header the same failure comes while reading the response,
 *       as the {@code IOException} the SDK retries.</li>
 *   <li>The SDK makes 4 attempts in all for S3, so a request could meet only stale connections. Each failed one
 *       leaves the cache, so one attempt more than the cache holds reaches the server. The service's retry
 *       conditions and backoff stay the SDK's.</li>
 * </ul>
 */
public final class StaleConnections {

    private StaleConnections() {
    }

    /** For {@code overrideConfiguration(StaleConnections::outlast)} of an S3 or SQS client builder. */
    public static void outlast(ClientOverrideConfiguration.Builder override) {
        int cached = Integer.getInteger("http.maxConnections", 5);
        override.retryStrategy(retries -> retries.maxAttempts(Math.max(4, cached + 1)))
                .addExecutionInterceptor(new WithoutExpectContinue());
    }

    /** Drops {@code Expect: 100-continue} (runs after the S3 client's own interceptor that adds it). */
    private static final class WithoutExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                ExecutionAttributes executionAttributes) {
            return context.httpRequest().firstMatchingHeader("Expect").isPresent()
                    ? context.httpRequest().toBuilder().removeHeader("Expect").build() : context.httpRequest();
        }
    }
}
