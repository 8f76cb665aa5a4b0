package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.config.CloudConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestRehearsalTest {

    @Test
    void theRehearsalRunsTheDecodePathAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        try (StagingDatabase staging = new StagingDatabase(work.resolve("spill"))) {
            Duration took = IngestRehearsal.run(work, staging, new CloudConfig.SignalRoles(null, null));
            assertThat(took).isPositive();
        }
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("the generated log and its Parquet are deleted").isEmpty();
        }
    }
}
