package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.config.SignalRolesConfig;
import io.fleet.cloud.ingest.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestRehearsalTest {

    @Test
    void theRehearsalDecodesEveryKindOfMessageFindsScenariosAndLeavesNothingBehind(@TempDir Path dir)
            throws Exception {
        Path work = dir.resolve("work");
        IngestRehearsal.Result result;
        try (StagingDatabase staging = new StagingDatabase(work.resolve("spill"))) {
            result = IngestRehearsal.run(work, staging, new SignalRolesConfig(null, null));
        }
        // the paths a real log takes: a plain message, a J1939 one matched by PGN, a multiplexed one, unknown ids
        assertThat(result.summary().signals()).extracting(SignalSummary::signal)
                .contains("Speed", "Heading", "EngineSpeed", "Temperature", "Voltage");
        assertThat(result.summary().unknownIdFrames()).isPositive();
        assertThat(result.rows()).isPositive();
        assertThat(result.findings().scenarios()).extracting(Scenario::type).contains("hard-braking", "high-speed");
        assertThat(result.took()).isPositive();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("the generated log and its Parquet are deleted").isEmpty();
        }
    }
}
