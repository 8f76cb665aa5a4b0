package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestSignatureVerifierTest {

    private static final TestSigningCertificates CERTS = new TestSigningCertificates();
    private static final byte[] BODY = "{\"version\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

    private final AtomicInteger fetches = new AtomicInteger();
    private List<X509Certificate> served = CERTS.chain();
    private Clock clock = Clock.systemUTC();

    private RequestSignatureVerifier verifier() {
        return new RequestSignatureVerifier(url -> {
            fetches.incrementAndGet();
            return CertificateChainRetriever.parse(CERTS.pem(served.toArray(X509Certificate[]::new)));
        }, CERTS.anchors(), clock);
    }

    private static SignedRequest request(byte[] body, String signature, String url) {
        return new SignedRequest(body, null, signature, url);
    }

    @Test
    void aBodySignedByTheCertificateAtAmazonsUrlPasses() {
        assertThatCode(() -> verifier().verify(request(BODY, CERTS.sign(BODY), TestSigningCertificates.CHAIN_URL)))
                .doesNotThrowAnyException();
    }

    @Test
    void theChainIsFetchedOncePerUrl() {
        RequestSignatureVerifier verifier = verifier();
        verifier.verify(request(BODY, CERTS.sign(BODY), TestSigningCertificates.CHAIN_URL));
        verifier.verify(request(BODY, CERTS.sign(BODY), TestSigningCertificates.CHAIN_URL));

        assertThat(fetches).hasValue(1);
    }

    @Test
    void aChangedBodyOrAnotherKeyFails() {
        byte[] changed = "{\"version\":\"2.0\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier().verify(request(changed, CERTS.sign(BODY),
                TestSigningCertificates.CHAIN_URL))).isInstanceOf(SecurityException.class);
        String otherKey = TestSigningCertificates.sign(BODY, TestSigningCertificates.rsa().getPrivate());
        assertThatThrownBy(() -> verifier().verify(request(BODY, otherKey, TestSigningCertificates.CHAIN_URL)))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void missingHeadersFail() {
        assertThatThrownBy(() -> verifier().verify(request(BODY, null, TestSigningCertificates.CHAIN_URL)))
                .isInstanceOf(SecurityException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> verifier().verify(request(BODY, CERTS.sign(BODY), null)))
                .isInstanceOf(SecurityException.class).hasMessageContaining("missing");
    }

    @Test
    void aUrlOutsideAmazonsBucketIsNeverFetched() {
        assertThatThrownBy(() -> verifier().verify(request(BODY, CERTS.sign(BODY),
                "https://evil.example/echo.api/cert.pem"))).isInstanceOf(SecurityException.class);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void aCertificateNotIssuedToEchoApiFails() {
        Instant now = Instant.now();
        served = List.of(CERTS.issue("example.com", now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS)),
                CERTS.ca);

        assertThatThrownBy(() -> verifier().verify(request(BODY, CERTS.sign(BODY), TestSigningCertificates.CHAIN_URL)))
                .isInstanceOf(SecurityException.class).hasMessageContaining("echo-api.amazon.com");
    }

    @Test
    void anUntrustedIssuerFails() {
        TestSigningCertificates other = new TestSigningCertificates();
        served = other.chain();

        assertThatThrownBy(() -> verifier().verify(request(BODY, other.sign(BODY),
                TestSigningCertificates.CHAIN_URL))).isInstanceOf(SecurityException.class);
    }

    @Test
    void anExpiredCertificateFails() {
        clock = Clock.fixed(Instant.now().plus(11, ChronoUnit.DAYS), ZoneOffset.UTC);

        assertThatThrownBy(() -> verifier().verify(request(BODY, CERTS.sign(BODY), TestSigningCertificates.CHAIN_URL)))
                .isInstanceOf(SecurityException.class);
    }
}
