package io.fleet.cloud.alexa;

import com.amazon.ask.servlet.verifiers.AlexaHttpRequest;
import com.amazon.ask.servlet.verifiers.SkillServletVerifier;
import java.io.IOException;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Alexa's request signature check, as Amazon specifies it and as the ASK SDK's {@code SkillRequestSignatureVerifier}
 * does it: the {@link CertificateChainUrl} rules, a signing certificate valid now, with subject alternative name
 * {@code echo-api.amazon.com}, chaining to a trusted root, and an RSA SHA-256 signature ({@code Signature-256}
 * header, Base64) over the exact request body.
 *
 * <p>Why not the SDK's class: it is final, fetches only through {@code HttpURLConnection}, trusts only the JVM's
 * default store, reads the system clock and retries with {@code Thread.sleep}; here the retriever, the trust anchors
 * and the clock are injected, so the rules are tested with a test CA. Verified signing certificates are cached per
 * URL (a handful of URLs are in use at a time) and re-checked for validity on every use.
 */
final class RequestSignatureVerifier implements SkillServletVerifier {

    static final String ECHO_API_DOMAIN = "echo-api.amazon.com";
    private static final int SAN_DNS_NAME = 2;
    private static final int CACHE_LIMIT = 32;

    private final CertificateChainRetriever retriever;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;
    private final Map<String, X509Certificate> verified = new ConcurrentHashMap<>();

    RequestSignatureVerifier(CertificateChainRetriever retriever, Set<TrustAnchor> anchors, Clock clock) {
        this.retriever = retriever;
        this.anchors = Set.copyOf(anchors);
        this.clock = clock;
    }

    /** Trusting the JVM's default CA certificates, as Amazon's signing chain requires. */
    static RequestSignatureVerifier withJvmTrust(CertificateChainRetriever retriever, Clock clock) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    for (X509Certificate ca : ((X509TrustManager) manager).getAcceptedIssuers()) {
                        anchors.add(new TrustAnchor(ca, null));
                    }
                }
            }
            return new RequestSignatureVerifier(retriever, anchors, clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's default trust store cannot be read", e);
        }
    }

    @Override
    public void verify(AlexaHttpRequest request) {
        String signature = request.getBaseEncoded64Signature();
        String chainUrl = request.getSigningCertificateChainUrl();
        if (signature == null || signature.isBlank() || chainUrl == null || chainUrl.isBlank()) {
            throw new SecurityException("missing Signature-256 or SignatureCertChainUrl header");
        }
        try {
            X509Certificate signer = signingCertificate(chainUrl.trim());
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(signer.getPublicKey());
            verifier.update(request.getSerializedRequestEnvelope());
            byte[] expected;
            try {
                expected = Base64.getMimeDecoder().decode(signature.trim());
            } catch (IllegalArgumentException e) {
                throw new SecurityException("Signature-256 is not Base64");
            }
            if (!verifier.verify(expected)) {
                throw new SecurityException("the request signature does not match its body");
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new SecurityException("signature not verified: " + e.getMessage(), e);
        }
    }

    private X509Certificate signingCertificate(String chainUrl) throws GeneralSecurityException, IOException {
        X509Certificate cached = verified.get(chainUrl);
        if (cached != null) {
            cached.checkValidity(Date.from(clock.instant()));
            return cached;
        }
        URL url = CertificateChainUrl.validate(chainUrl);
        X509Certificate signer = verifyChain(retriever.retrieve(url));
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(chainUrl, signer);
        return signer;
    }

    X509Certificate verifyChain(List<X509Certificate> chain) throws GeneralSecurityException {
        if (chain.isEmpty()) {
            throw new CertificateException("the certificate chain is empty");
        }
        X509Certificate signer = chain.get(0);
        Date now = Date.from(clock.instant());
        signer.checkValidity(now);
        if (!hasEchoApiName(signer.getSubjectAlternativeNames())) {
            throw new CertificateException("the signing certificate is not issued to " + ECHO_API_DOMAIN);
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        // the root travels with the chain at times; the path to validate ends below the trust anchor
        while (path.size() > 1 && isSelfSigned(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(now);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        return signer;
    }

    private static boolean hasEchoApiName(Collection<List<?>> names) {
        if (names == null) {
            return false;
        }
        return names.stream().anyMatch(n -> n.size() >= 2 && Integer.valueOf(SAN_DNS_NAME).equals(n.get(0))
                && ECHO_API_DOMAIN.equals(n.get(1)));
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RequestSignatureVerifier[" + anchors.stream().map(a -> a.getTrustedCert().getSubjectX500Principal()
                .getName()).limit(3).collect(Collectors.joining("; ")) + (anchors.size() > 3 ? "; ..." : "") + "]";
    }
}
