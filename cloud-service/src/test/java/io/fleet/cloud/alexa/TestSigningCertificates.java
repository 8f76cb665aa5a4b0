package io.fleet.cloud.alexa;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA standing in for the public CA behind Amazon's signing certificate, and signing certificates issued by
 * it, made with BouncyCastle. {@link #sign} signs a body as Alexa does (RSA SHA-256, Base64).
 */
final class TestSigningCertificates {

    static final String CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem";
    private static final AtomicLong SERIAL = new AtomicLong(1);

    final KeyPair caKeys = rsa();
    final X509Certificate ca;
    final KeyPair signerKeys = rsa();
    final X509Certificate signer;

    TestSigningCertificates() {
        Instant now = Instant.now();
        ca = certificate(new X500Principal("CN=Test Root CA"), caKeys, caKeys.getPrivate(),
                new X500Principal("CN=Test Root CA"), now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS),
                true, null);
        signer = issue(RequestSignatureVerifier.ECHO_API_DOMAIN, now.minus(1, ChronoUnit.DAYS),
                now.plus(10, ChronoUnit.DAYS));
    }

    /** A certificate for {@code dnsName} signed by this CA with the signer's key. */
    X509Certificate issue(String dnsName, Instant from, Instant to) {
        return certificate(new X500Principal("CN=" + dnsName), signerKeys, caKeys.getPrivate(),
                ca.getSubjectX500Principal(), from, to, false, dnsName);
    }

    Set<TrustAnchor> anchors() {
        return Set.of(new TrustAnchor(ca, null));
    }

    /** The chain as Amazon serves it: PEM, signing certificate first, then the CA. */
    byte[] pem(X509Certificate... chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate c : chain) {
                writer.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    List<X509Certificate> chain() {
        return List.of(signer, ca);
    }

    String sign(byte[] body) {
        return sign(body, signerKeys.getPrivate());
    }

    static String sign(byte[] body, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(X500Principal subject, KeyPair subjectKeys, PrivateKey issuerKey,
                                               X500Principal issuer, Instant from, Instant to, boolean isCa,
                                               String dnsName) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
