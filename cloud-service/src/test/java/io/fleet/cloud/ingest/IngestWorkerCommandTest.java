package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.CloudMain;
import io.fleet.cloud.config.IngestConfig;
import io.fleet.cloud.config.SqsConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./fleet ingest worker}'s flags, parsed by the real command line ({@code cloud-service ingest worker ...}),
 * reach the settings the workers and the S3 event reader run with, over {@code --config}'s keys; a bad one stops the
 * command before it starts anything, naming the flag.
 */
class IngestWorkerCommandTest {

    private static final String QUEUE = "http://127.0.0.1:9324/000000000000/drive-logs";

    @TempDir
    Path dir;

    /** The ingest settings of {@code ingest worker <args>}, as {@code call()} computes them before starting. */
    private static IngestConfig settings(String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of("ingest", "worker"));
        line.addAll(List.of(args));
        CommandLine.ParseResult parsed = new CommandLine(new CloudMain()).parseArgs(line.toArray(String[]::new));
        IngestWorkerCommand worker = (IngestWorkerCommand) parsed.subcommand().subcommand().commandSpec().userObject();
        return worker.ingestSettings(worker.config().ingest());
    }

    @Test
    void withoutFlagsOrFileTheWorkerListsNothingFromSqsAndRunsOneWorker() throws Exception {
        IngestConfig ingest = settings();
        assertThat(ingest.sqs().enabled()).isFalse();
        assertThat(ingest.sqs().longPoll()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ingest.workers()).isEqualTo(1);
        assertThat(ingest.claim()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theSqsFlagsSetTheQueueTheWorkerReads() throws Exception {
        Path credentials = dir.resolve("sqs-credentials");
        IngestConfig ingest = settings("--sqs-queue-url", QUEUE, "--sqs-region", "eu-west-1",
                "--sqs-endpoint", "http://127.0.0.1:9324", "--sqs-credentials", credentials.toString(),
                "--sqs-wait-seconds", "5", "--workers", "3", "--claim-seconds", "45");

        assertThat(ingest.sqs()).isEqualTo(new SqsConfig(QUEUE, "eu-west-1", "http://127.0.0.1:9324",
                credentials, Duration.ofSeconds(5)));
        assertThat(ingest.sqs().enabled()).isTrue();
        assertThat(ingest.workers()).isEqualTo(3);
        assertThat(ingest.claim()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aFlagOverridesItsKeyOfTheConfigFileAndLeavesTheOthers() throws Exception {
        Path file = Files.writeString(dir.resolve("cloud.yaml"), String.join("\n",
                "ingest:",
                "  workers: 2",
                "  claimSeconds: 40",
                "  sqs: {queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/raw', region: eu-west-1,",
                "        endpoint: 'http://127.0.0.1:9324', waitSeconds: 10}",
                ""), StandardCharsets.UTF_8);

        IngestConfig fromFile = settings("--config", file.toString());
        assertThat(fromFile.sqs()).isEqualTo(new SqsConfig("https://sqs.eu-west-1.amazonaws.com/123456789012/raw",
                "eu-west-1", "http://127.0.0.1:9324", null, Duration.ofSeconds(10)));
        assertThat(fromFile.workers()).isEqualTo(2);
        assertThat(fromFile.claim()).isEqualTo(Duration.ofSeconds(40));

        IngestConfig overridden = settings("--config", file.toString(), "--sqs-queue-url", QUEUE,
                "--sqs-wait-seconds", "0", "--claim-seconds", "15");
        assertThat(overridden.sqs()).isEqualTo(new SqsConfig(QUEUE, "eu-west-1", "http://127.0.0.1:9324", null,
                Duration.ZERO));
        assertThat(overridden.workers()).isEqualTo(2);
        assertThat(overridden.claim()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aWaitSqsDoesNotAllowIsRefusedNamingTheFlagBeforeAnythingStarts() {
        Refusal refusal = run("--sqs-queue-url", QUEUE, "--sqs-wait-seconds", "30");

        assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(refusal.err()).contains("--sqs-wait-seconds must be 0 to 20 (SQS long polling), got 30");
        assertThat(dir.resolve("work")).as("nothing was started: no work dir, no database, no S3").doesNotExist();
        assertThat(run("--sqs-wait-seconds", "-1").err())
                .contains("--sqs-wait-seconds must be 0 to 20");
    }

    @Test
    void aMalformedQueueOrEndpointUrlIsRefusedNamingTheFlag() {
        Refusal noScheme = run("--sqs-queue-url", "sqs.eu-west-1.amazonaws.com/123456789012/raw");
        assertThat(noScheme.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(noScheme.err()).contains("--sqs-queue-url must be an http(s) URL")
                .contains("got 'sqs.eu-west-1.amazonaws.com/123456789012/raw'");

        Refusal badEndpoint = run("--sqs-queue-url", QUEUE, "--sqs-endpoint", "http://[127.0.0.1:9324");
        assertThat(badEndpoint.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badEndpoint.err()).contains("--sqs-endpoint must be an http(s) URL")
                .contains("got 'http://[127.0.0.1:9324'");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void aClaimOrWorkerCountBelowOneIsRefusedNamingTheFlag() {
        assertThat(run("--claim-seconds", "0").err()).contains("--claim-seconds must be at least 1, got 0");
        assertThat(run("--workers", "0").err()).contains("--workers must be at least 1, got 0");
    }

    private record Refusal(int exitCode, String err) {
    }

    /**
     * Runs {@code ingest worker <args>} as {@code ./fleet} does, for arguments it must refuse; its work and data dirs
     * are in the test's dir, so that what it would have started shows there.
     */
    private Refusal run(String... args) {
        List<String> line = new ArrayList<>(List.of("ingest", "worker", "--work-dir", dir.resolve("work").toString(),
                "--data-dir", dir.resolve("data").toString()));
        line.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new CloudMain()).setErr(new PrintWriter(err, true))
                .execute(line.toArray(String[]::new));
        return new Refusal(exitCode, err.toString());
    }
}
