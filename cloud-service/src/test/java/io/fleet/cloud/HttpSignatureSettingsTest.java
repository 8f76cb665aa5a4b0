package io.fleet.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.HttpConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the HTTP shadow API demands SigV4 signatures, and how a configuration says so. */
class HttpSignatureSettingsTest {

    @TempDir
    Path dir;

    @Test
    void loopbackWithoutCredentialsTakesUnsignedRequests() throws IOException {
        assertThat(CloudService.signatures(HttpConfig.on("127.0.0.1", 8080))).isNull();
        assertThat(CloudService.signatures(HttpConfig.on("localhost", 8080))).isNull();
    }

    @Test
    void anAddressOtherMachinesReachRefusesToStartWithoutCredentialsUnlessUnsignedIsAllowed() throws IOException {
        assertThatThrownBy(() -> CloudService.signatures(HttpConfig.on("0.0.0.0", 8080)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.host 0.0.0.0 is reachable from other machines")
                .hasMessageContaining("--http-sigv4-credentials");
        assertThat(CloudService.signatures(HttpConfig.on("0.0.0.0", 8080).withAllowUnsigned(true))).isNull();
    }

    @Test
    void aCredentialsFileFromTheYamlTurnsTheCheckOn() throws IOException {
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n");
        Path yaml = Files.writeString(dir.resolve("cloud.yaml"),
                "http:\n  host: 0.0.0.0\n  sigv4Credentials: " + credentials + "\n");

        HttpConfig http = CloudConfig.load(yaml).http();

        assertThat(http.sigv4Credentials()).isEqualTo(credentials);
        assertThat(http.allowUnsigned()).isFalse();
        assertThat(CloudService.signatures(http)).isNotNull();
        assertThatThrownBy(() -> CloudService.signatures(HttpConfig.on("127.0.0.1", 8080)
                .withSigv4Credentials(dir.resolve("absent")))).isInstanceOf(IOException.class)
                .hasMessageContaining("absent");
    }
}
