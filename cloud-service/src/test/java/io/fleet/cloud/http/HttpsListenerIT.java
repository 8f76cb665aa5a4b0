package io.fleet.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.config.HttpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code http.tls}: the HTTP listener serves HTTPS with the dev CA's server certificate, so the owner app and its
 * service worker (which browsers register only in a secure context) load over https, for a client that trusts the
 * dev CA; plain HTTP is not answered on that port.
 */
class HttpsListenerIT {

    private static RunningCloud cloud;
    private static String base;

    @BeforeAll
    static void start() {
        cloud = RunningCloud.start(config -> config.withHttp(HttpConfig.loopback(0).withTls(null, null)));
        base = "https://localhost:" + cloud.service().httpPort();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void theOwnerAppAndItsServiceWorkerLoadOverHttpsWithTheDevCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream ca = Files.newInputStream(cloud.certificates().caCertificate())) {
            trusted.setCertificateEntry("dev-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext devCa = SSLContext.getInstance("TLS");
        devCa.init(null, trust.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(devCa).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> page = https.send(request("/app/"), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>My car</title>");
        HttpResponse<String> worker = https.send(request("/app/sw.js"), HttpResponse.BodyHandlers.ofString());
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(worker.body()).contains("const SHELL");
        assertThat(https.send(request("/health"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + cloud.service().httpPort() + "/app/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).as("no plain HTTP on the HTTPS port")
                .isInstanceOf(IOException.class);
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build();
    }
}
