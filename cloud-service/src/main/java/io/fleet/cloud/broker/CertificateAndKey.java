package io.fleet.cloud.broker;

import java.nio.file.Path;
import java.util.Objects;

/** A PEM certificate and its PKCS#8 PEM private key, as {@code certs/dev-ca.sh} and {@code new-thing.sh} write them. */
public record CertificateAndKey(Path certificate, Path privateKey) {

    public CertificateAndKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The {@code certificate.pem} and {@code private.key} pair inside {@code folder}. */
    public static CertificateAndKey inFolder(Path folder) {
        return new CertificateAndKey(folder.resolve("certificate.pem"), folder.resolve("private.key"));
    }
}
