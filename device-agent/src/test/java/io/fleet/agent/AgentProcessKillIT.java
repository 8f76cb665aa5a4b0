package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.CertificateAndKey;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI in its own JVM, killed with SIGKILL in the middle of a window actuation and started again on the
 * same journal: the command is not repeated, and its interruption is reported as FAILED with the true state.
 */
@ExtendWith(CloudServiceExtension.class)
class AgentProcessKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING = "kill-car-1";

    @TempDir
    Path work;

    @Test
    void killMinus9DuringACommandRepeatsNothingAndReportsTheTruth(RunningCloud cloud) throws Exception {
        CertificateAndKey identity = cloud.certificates().thing(THING);
        Path journalDir = work.resolve("journal");
        Process first = startAgent(cloud, identity, journalDir, "first.log");
        try {
            ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(30),
                    s -> s.at("/state/reported/windows/fl").isInt());
            ShadowOverHttp.setDesired(cloud, THING, "{\"windows\":{\"fl\":\"down\"}}");
            awaitJournal(journalDir, j -> j.path("inFlight").isObject());
        } finally {
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        }

        Process second = startAgent(cloud, identity, journalDir, "second.log");
        try {
            JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(30),
                    s -> s.at("/state/reported/lastCommand/status").asText().equals("FAILED"));
            assertThat(shadow.at("/state/reported/lastCommand/reason").asText()).contains("restarted");
            assertThat(shadow.at("/state/reported/windows/fl").asInt()).isZero();
            // The agent reads the shadow once that report is accepted, before it can see the first horn flash desired
            // after it; the second flash is desired once the first is done, well after that read was answered. The
            // agent handles one delta at a time, a window's travel included: when the second flash is reported, a
            // repeated window would show in the same report.
            hornFlashed(cloud, "after-the-report");
            shadow = hornFlashed(cloud, "after-the-first-flash");
            assertThat(shadow.at("/state/reported/windows/fl").asInt()).as("not repeated").isZero();
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    private Process startAgent(RunningCloud cloud, CertificateAndKey identity, Path journalDir, String log)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName(), "run", "--thing", THING, "--endpoint", cloud.mqttHost(),
                "--port", String.valueOf(cloud.mqttPort()), "--cert", identity.certificate().toString(),
                "--key", identity.privateKey().toString(), "--ca", cloud.certificates().caCertificate().toString(),
                "--journal-dir", journalDir.toString(), "--window-travel-ms", "1500",
                "--min-reconnect-delay-ms", "100", "--max-reconnect-delay-ms", "1000");
        File output = work.resolve(log).toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    }

    /** Desires a horn flash with {@code token} and returns the shadow once the agent reported it done. */
    private static JsonNode hornFlashed(RunningCloud cloud, String token) throws Exception {
        ShadowOverHttp.setDesired(cloud, THING, "{\"horn_flash\":\"" + token + "\"}");
        JsonNode shadow = ShadowOverHttp.awaitShadow(cloud, THING, Duration.ofSeconds(30),
                s -> s.at("/state/reported/lastCommand/value").asText().equals(token)
                        && !s.at("/state/reported/lastCommand/status").asText().equals("IN_PROGRESS"));
        assertThat(shadow.at("/state/reported/lastCommand/status").asText()).as(token).isEqualTo("SUCCEEDED");
        return shadow;
    }

    private static void awaitJournal(Path dir, Predicate<JsonNode> wanted) throws Exception {
        Path file = dir.resolve("journal.json");
        await("the journal").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> Files.exists(file) && wanted.test(JSON.readTree(file.toFile())));
    }

}
