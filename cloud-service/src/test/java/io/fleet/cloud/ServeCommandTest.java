package io.fleet.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.config.CampaignsConfig;
import io.fleet.cloud.config.CloudConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    private static CloudConfig config(String... args) throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.effectiveConfig();
    }

    @Test
    void campaignFlagsSetTheCampaignKeys() throws Exception {
        assertThat(config("--campaigns-lease-seconds", "5", "--campaigns-dispatch-interval-millis", "30000")
                .campaigns()).isEqualTo(new CampaignsConfig(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(config().campaigns()).isEqualTo(CampaignsConfig.defaults());
    }

    @Test
    void aCampaignFlagOverridesItsKeyOfTheConfigFileAndLeavesTheOther(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cloud.yaml");
        Files.writeString(file, "campaigns: {leaseSeconds: 20, dispatchIntervalMillis: 400}\n",
                StandardCharsets.UTF_8);

        assertThat(config("--config", file.toString(), "--campaigns-dispatch-interval-millis", "50").campaigns())
                .isEqualTo(new CampaignsConfig(Duration.ofSeconds(20), Duration.ofMillis(50)));
    }

    @Test
    void anOutOfRangeCampaignFlagIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> config("--campaigns-lease-seconds", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("campaigns: leaseSeconds must be >= 1");
    }
}
