package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code certs/dev-ca.sh} and {@code certs/new-thing.sh}: layout, idempotence, validation, and what Java reads. */
class CertScriptsIT {

    @TempDir
    Path dir;

    @Test
    void devCaMakesTheCaTheBrokerAndTheServiceCertificates() throws Exception {
        DevCertificates certificates = DevCertificates.create(dir);

        X509Certificate ca = PemTls.readCertificates(certificates.caCertificate()).get(0);
        X509Certificate broker = PemTls.readCertificates(certificates.broker().certificate()).get(0);
        X509Certificate service = PemTls.readCertificates(certificates.service().certificate()).get(0);
        assertThat(ca.getBasicConstraints()).as("CA path length").isZero();
        broker.verify(ca.getPublicKey());
        service.verify(ca.getPublicKey());
        assertThat(subjectAlternativeNames(broker)).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(broker.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(PemTls.commonName(service)).contains("fleet-service");
        assertThat(service.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        PrivateKey key = PemTls.readPrivateKey(certificates.service().privateKey());
        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(Files.readString(certificates.service().privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void newThingMakesACertificateWhoseCnIsTheThingName() throws Exception {
        DevCertificates certificates = DevCertificates.create(dir);

        CertificateAndKey thing = certificates.thing("VIN:WDB123_car-1");

        assertThat(thing.certificate()).isEqualTo(dir.resolve("things/VIN:WDB123_car-1/certificate.pem"));
        X509Certificate certificate = PemTls.readCertificates(thing.certificate()).get(0);
        certificate.verify(PemTls.readCertificates(certificates.caCertificate()).get(0).getPublicKey());
        assertThat(PemTls.commonName(certificate)).contains("VIN:WDB123_car-1");
        assertThat(PemTls.readPrivateKey(thing.privateKey())).isInstanceOf(ECPrivateKey.class);
    }

    @Test
    void runningAgainKeepsTheCaAndCertificatesUnlessForced() throws Exception {
        DevCertificates certificates = DevCertificates.create(dir);
        certificates.thing("car-1");
        String ca = Files.readString(certificates.caCertificate());
        String thing = Files.readString(dir.resolve("things/car-1/certificate.pem"));

        DevCertificates.create(dir);
        run("new-thing.sh", "--dir", dir.toString(), "car-1");
        assertThat(Files.readString(certificates.caCertificate())).isEqualTo(ca);
        assertThat(Files.readString(dir.resolve("things/car-1/certificate.pem"))).isEqualTo(thing);

        run("new-thing.sh", "--dir", dir.toString(), "--force", "car-1");
        assertThat(Files.readString(dir.resolve("things/car-1/certificate.pem"))).isNotEqualTo(thing);

        run("dev-ca.sh", "--dir", dir.toString(), "--force");
        assertThat(Files.readString(certificates.caCertificate())).isNotEqualTo(ca);
        assertThat(dir.resolve("things")).as("certificates of the replaced CA are gone").doesNotExist();
        assertThat(certificates.broker().certificate()).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "car 1", "car+1", "car#", "ü", ""})
    void newThingRefusesInvalidThingNames(String name) throws Exception {
        DevCertificates.create(dir);

        DevCertificates.ScriptResult result = DevCertificates.runAllowingFailure(
                List.of(DevCertificates.script("new-thing.sh").toString(), "--dir", dir.toString(), name));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).containsAnyOf("invalid thing name", "usage");
        assertThat(dir.resolve("things")).doesNotExist();
    }

    @Test
    void newThingWithoutCaSaysWhatToRunFirst() throws Exception {
        DevCertificates.ScriptResult result = DevCertificates.runAllowingFailure(
                List.of(DevCertificates.script("new-thing.sh").toString(), "--dir", dir.toString(), "car-1"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("run dev-ca.sh --dir");
    }

    @Test
    void privateKeysAreReadableByTheirOwnerOnly() throws Exception {
        DevCertificates certificates = DevCertificates.create(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificates.service().privateKey())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
                .isEqualTo("rw-------");
    }

    private static void run(String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(DevCertificates.script(script).toString()));
        command.addAll(List.of(arguments));
        DevCertificates.run(command);
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().map(entry -> String.valueOf(entry.get(1))).toList();
    }
}
