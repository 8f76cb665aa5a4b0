package io.fleet.agent.simulate;

import io.fleet.model.shadow.ThingName;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Thing certificates signed by the development CA, made in-process: {@code certs/new-thing.sh} runs three openssl
 * processes per thing, too slow for a fleet of a thousand. Same result as the script: an EC P-256 key in PKCS#8 PEM
 * and a client certificate with CN = thing name, in {@code <certs dir>/things/<thing>/{private.key,certificate.pem}};
 * an existing pair is reused. Thread-safe.
 */
public final class ThingCertificates {

    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final X509Certificate ca;
    private final PrivateKey caKey;

    private ThingCertificates(Path dir, X509Certificate ca, PrivateKey caKey) {
        this.dir = dir;
        this.ca = ca;
        this.caKey = caKey;
    }

    /**
     * The CA made by {@code certs/dev-ca.sh} in {@code certsDir}: {@code ca.pem} and its key {@code ca.key}.
     *
     * @throws IOException when either file is missing or unreadable, naming the file
     */
    public static ThingCertificates open(Path certsDir) throws IOException {
        Path caFile = certsDir.resolve("ca.pem");
        Path keyFile = certsDir.resolve("ca.key");
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(caFile)) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot read the CA certificate " + caFile + " (run certs/dev-ca.sh): " + e, e);
        }
        try {
            byte[] der = pemBody(Files.readString(keyFile, StandardCharsets.US_ASCII), "PRIVATE KEY");
            String algorithm = ca.getPublicKey().getAlgorithm();
            return new ThingCertificates(certsDir, ca,
                    KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot read the CA key " + keyFile + " (PKCS#8 PEM, as certs/dev-ca.sh writes it): "
                    + e.getMessage(), e);
        }
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** The thing's certificate and key, issued now when the folder has none yet. */
    public Identity forThing(String thing) throws IOException {
        ThingName.of(thing);
        Path folder = dir.resolve("things").resolve(thing);
        Identity identity = new Identity(folder.resolve("certificate.pem"), folder.resolve("private.key"));
        if (Files.exists(identity.certificate()) && Files.exists(identity.privateKey())) {
            return identity;
        }
        try {
            issue(thing, folder, identity);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot issue a certificate for " + thing + ": " + e, e);
        }
        return identity;
    }

    private void issue(String thing, Path folder, Identity identity)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
                new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), new X500Name("O=fleet-dev,CN=" + thing), pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca));
        } catch (CertIOException e) {
            throw new IOException(e);
        }
        String signature = "EC".equals(caKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signature).build(caKey)));

        // Written beside the target and moved in, so a reader never sees half a pair.
        Files.createDirectories(folder);
        Path tmp = Files.createTempDirectory(folder.getParent(), "." + thing + "-");
        try {
            Path key = tmp.resolve("private.key");
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Path cert = tmp.resolve("certificate.pem");
            Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
            move(key, identity.privateKey());
            move(cert, identity.certificate());
        } finally {
            Files.deleteIfExists(tmp.resolve("private.key"));
            Files.deleteIfExists(tmp.resolve("certificate.pem"));
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem, String type) {
        int begin = pem.indexOf("-----BEGIN " + type + "-----");
        int end = pem.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no '" + type + "' PEM block");
        }
        String body = pem.substring(begin + type.length() + 16, end);
        return Base64.getMimeDecoder().decode(body);
    }

    /** A thing's certificate and private key files (PEM). */
    public record Identity(Path certificate, Path privateKey) {
    }
}
