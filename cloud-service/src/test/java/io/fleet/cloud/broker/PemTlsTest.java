package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTlsTest {

    @TempDir
    Path dir;

    @Test
    void readsAnUnencryptedPkcs8EcKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path pem = dir.resolve("private.key");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        assertThat(PemTls.readPrivateKey(pem)).isEqualTo(pair.getPrivate());
    }

    @Test
    void aTraditionalOpenSslKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path pem = dir.resolve("legacy.key");
        Files.writeString(pem, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemTls.readPrivateKey(pem)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("legacy.key").hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void aFileWithoutCertificatesIsRefused() throws Exception {
        Path pem = dir.resolve("empty.pem");
        Files.writeString(pem, "");

        assertThatThrownBy(() -> PemTls.readCertificates(pem)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("empty.pem");
    }
}
