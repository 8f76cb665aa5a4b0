package io.fleet.cloud.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Turns the PEM files of {@code certs/} into JDK key stores and TLS contexts. The JDK reads PKCS#8 PEM keys once the
 * armour is stripped, so no BouncyCastle is needed; EC (what the scripts make) and RSA keys are accepted.
 */
final class PemTls {

    private static final Pattern PKCS8_PEM =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemTls() {
    }

    static List<X509Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
            return certificates;
        }
    }

    static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        Matcher matcher = PKCS8_PEM.matcher(Files.readString(pem, StandardCharsets.US_ASCII));
        if (!matcher.find()) {
            throw new GeneralSecurityException(pem + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in <key> -out <key>.pk8");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1)));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                last = wrongAlgorithm;
            }
        }
        throw new GeneralSecurityException("unsupported key algorithm in " + pem, last);
    }

    /** A PKCS12 store holding one key entry: the key with its certificate chain (leaf, then the CA). */
    static KeyStore keyStore(CertificateAndKey identity, Path caCertificate, char[] password)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>(readCertificates(identity.certificate()));
        chain.addAll(readCertificates(caCertificate));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("identity", readPrivateKey(identity.privateKey()), password,
                chain.toArray(new Certificate[0]));
        return store;
    }

    /** A PKCS12 store trusting every certificate in {@code caCertificate}. */
    static KeyStore trustStore(Path caCertificate) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int index = 0;
        for (X509Certificate ca : readCertificates(caCertificate)) {
            store.setCertificateEntry("ca-" + index++, ca);
        }
        return store;
    }

    /** A TLS client context that presents the endpoint's client certificate and trusts only its CA. */
    static SSLContext clientContext(MqttEndpoint endpoint) throws IOException, GeneralSecurityException {
        char[] password = "in-memory".toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(endpoint.client(), endpoint.caCertificate(), password), password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore(endpoint.caCertificate()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** The subject's CN, if it has exactly one. */
    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            List<String> commonNames = new ArrayList<>();
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    commonNames.add(String.valueOf(rdn.getValue()));
                }
            }
            return commonNames.size() == 1 ? Optional.of(commonNames.get(0)) : Optional.empty();
        } catch (InvalidNameException unparsable) {
            return Optional.empty();
        }
    }

    static String commonNameOf(Path certificatePem) throws IOException, GeneralSecurityException {
        X509Certificate leaf = readCertificates(certificatePem).get(0);
        return commonName(leaf).orElseThrow(
                () -> new GeneralSecurityException(certificatePem + " has no single CN in its subject"));
    }
}
