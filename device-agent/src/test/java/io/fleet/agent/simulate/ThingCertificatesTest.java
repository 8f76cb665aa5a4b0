package io.fleet.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.broker.DevCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThingCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void issuesAClientCertificateForTheThingSignedByTheDevCaThatOpensslAccepts() throws Exception {
        DevCertificates ca = DevCertificates.create(dir);
        ThingCertificates.Identity identity = ThingCertificates.open(dir).forThing("sim-car-7");

        assertThat(identity.certificate()).isEqualTo(dir.resolve("things/sim-car-7/certificate.pem"));
        X509Certificate cert = read(identity.certificate());
        cert.verify(read(ca.caCertificate()).getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=sim-car-7,O=fleet-dev");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(cert.getBasicConstraints()).isEqualTo(-1); // not a CA
        assertThat(Files.getPosixFilePermissions(identity.privateKey()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // the key is the certificate's: what it signs, the certificate's public key verifies
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey(identity.privateKey()));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();

        assertThat(DevCertificates.run(List.of("openssl", "verify", "-purpose", "sslclient", "-CAfile",
                ca.caCertificate().toString(), identity.certificate().toString()))).contains(": OK");
    }

    @Test
    void reusesACertificateAlreadyOnDisk() throws Exception {
        DevCertificates.create(dir);
        ThingCertificates certificates = ThingCertificates.open(dir);
        byte[] first = Files.readAllBytes(certificates.forThing("sim-car-1").certificate());
        byte[] again = Files.readAllBytes(ThingCertificates.open(dir).forThing("sim-car-1").certificate());
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aFolderWithoutTheCaKeyIsRefusedNamingTheFile() throws Exception {
        DevCertificates.create(dir);
        Files.delete(dir.resolve("ca.key"));
        assertThatThrownBy(() -> ThingCertificates.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("ca.key").toString());
    }

    @Test
    void anInvalidThingNameIsRefused() throws Exception {
        DevCertificates.create(dir);
        assertThatThrownBy(() -> ThingCertificates.open(dir).forThing("car/../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                .decode(body)));
    }
}
