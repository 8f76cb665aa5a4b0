package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private static final Path CERTS = Path.of("certs/generated");
    private static final CertificateAndKey SERVICE = CertificateAndKey.inFolder(CERTS.resolve("service"));

    @Test
    void embeddedDefaultsFollowTheDevCaLayout() {
        BrokerSettings.Embedded settings = BrokerSettings.Embedded.fromDevCa(CERTS, Path.of("data"));

        assertThat(settings.port()).isEqualTo(8883);
        assertThat(settings.caCertificate()).isEqualTo(CERTS.resolve("ca.pem"));
        assertThat(settings.server()).isEqualTo(new CertificateAndKey(CERTS.resolve("broker/certificate.pem"),
                CERTS.resolve("broker/private.key")));
        assertThat(settings.service()).isEqualTo(SERVICE);
        assertThat(settings.serviceCommonNames()).containsExactly("fleet-service");
        assertThat(settings.withPort(0).port()).isZero();
    }

    @Test
    void embeddedRejectsBadPortsAndAnEmptyServiceSet() {
        BrokerSettings.Embedded defaults = BrokerSettings.Embedded.fromDevCa(CERTS, Path.of("data"));

        assertThatThrownBy(() -> defaults.withPort(65536)).hasMessageContaining("port");
        assertThatThrownBy(() -> new BrokerSettings.Embedded(8883, Path.of("data"), CERTS.resolve("ca.pem"),
                defaults.server(), SERVICE, Set.of())).hasMessageContaining("serviceCommonNames");
    }

    @Test
    void externalNeedsAHostAndARealPort() {
        assertThatThrownBy(() -> new BrokerSettings.External(" ", 8883, CERTS.resolve("ca.pem"), SERVICE))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> new BrokerSettings.External("example.com", 0, CERTS.resolve("ca.pem"), SERVICE))
                .hasMessageContaining("port");
        assertThat(new BrokerSettings.External("iot.example.com", 8883, CERTS.resolve("ca.pem"), SERVICE)
                .endpoint().serverUri()).isEqualTo("ssl://iot.example.com:8883");
    }
}
