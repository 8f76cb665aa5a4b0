package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The HTTP listener: data-plane shadow API, app API, console, Alexa, health and metrics.
 *
 * @param sigv4Credentials a file in the AWS shared credentials format; when set, every data-plane (shadow)
 *                         request must carry a SigV4 signature made with one of its keys, as AWS IoT requires
 * @param allowUnsigned    take unsigned data-plane requests on an address other machines can reach (default
 *                         false: such a service refuses to start without {@code sigv4Credentials}); on a
 *                         loopback address unsigned requests are always taken when no credentials are set
 * @param tls              serve HTTPS instead of HTTP (default false), e.g. so that phones get the owner app's
 *                         service worker, which browsers allow only in a secure context
 * @param certFile         the HTTPS certificate chain, PEM (default certsDir/broker/certificate.pem: the dev CA's
 *                         server certificate, for localhost and 127.0.0.1)
 * @param keyFile          its private key, PEM (default certsDir/broker/private.key)
 */
public record HttpConfig(String host, int port, Path sigv4Credentials, boolean allowUnsigned, boolean tls,
                         Path certFile, Path keyFile) {
    public HttpConfig {
        Objects.requireNonNull(host, "http.host");
    }

    @JsonCreator
    static HttpConfig fromYaml(@JsonProperty("host") String host, @JsonProperty("port") Integer port,
                               @JsonProperty("sigv4Credentials") Path sigv4Credentials,
                               @JsonProperty("allowUnsigned") Boolean allowUnsigned, @JsonProperty("tls") Boolean tls,
                               @JsonProperty("certFile") Path certFile, @JsonProperty("keyFile") Path keyFile) {
        return new HttpConfig(host != null ? host : "127.0.0.1", port != null ? port : 8080, sigv4Credentials,
                allowUnsigned != null && allowUnsigned, tls != null && tls, certFile, keyFile);
    }

    /** Plain HTTP on 127.0.0.1:8080, unsigned requests taken (loopback). */
    public static HttpConfig defaults() {
        return on("127.0.0.1", 8080);
    }

    /** Plain HTTP on 127.0.0.1 (0: a free port), as tests run it. */
    public static HttpConfig loopback(int port) {
        return on("127.0.0.1", port);
    }

    /** Plain HTTP on {@code host:port}, no signatures required, unsigned requests not allowed off loopback. */
    public static HttpConfig on(String host, int port) {
        return new HttpConfig(host, port, null, false, false, null, null);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, sigv4Credentials, allowUnsigned, tls, certFile, keyFile);
    }

    /** Data-plane requests must be signed with a key from this shared-credentials file. */
    public HttpConfig withSigv4Credentials(Path file) {
        return new HttpConfig(host, port, file, allowUnsigned, tls, certFile, keyFile);
    }

    public HttpConfig withAllowUnsigned(boolean allow) {
        return new HttpConfig(host, port, sigv4Credentials, allow, tls, certFile, keyFile);
    }

    /** HTTPS with this certificate chain and key (null: the broker's in certsDir). */
    public HttpConfig withTls(Path certificate, Path privateKey) {
        return new HttpConfig(host, port, sigv4Credentials, allowUnsigned, true, certificate, privateKey);
    }
}
