package io.fleet.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.config.HttpConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;

/**
 * The registry on a service that requires SigV4 (http.sigv4Credentials), as AWS IoT does: the SDK's
 * {@link IotClient} and the aws CLI with the right keys get in, a wrong key changes nothing, and things survive a
 * restart of the service (they live in PostgreSQL).
 */
class SignedRegistryIT {

    private static final String KEY_ID = "AKIDREGISTRYTEST";
    private static final String SECRET = "registry-test-secret-not-a-real-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningCloud cloud;
    private static IotClient iot;

    @BeforeAll
    static void start() throws Exception {
        Path credentials = Files.createTempFile("registry-credentials", "");
        Files.writeString(credentials, "[rigs]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = "
                + SECRET + "\n");
        cloud = RunningCloud.start(config -> config.withHttp(HttpConfig.loopback(0)
                .withSigv4Credentials(credentials)));
        iot = RegistryClients.iot(cloud.httpBase(), KEY_ID, SECRET);
    }

    @AfterAll
    static void stop() {
        if (iot != null) {
            iot.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void aWrongKeyIsRefusedWith403AndCreatesNothing() {
        try (IotClient stranger = RegistryClients.iot(cloud.httpBase(), KEY_ID, "not-the-secret")) {
            assertThatThrownBy(() -> stranger.createThing(b -> b.thingName("signed-intruder")))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage()).containsIgnoringCase("signature");
                    });
        }
        assertThatThrownBy(() -> iot.describeThing(b -> b.thingName("signed-intruder")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void thingsGroupsAndVersionsSurviveARestart() throws Exception {
        String id = iot.createThing(b -> b.thingName("signed-rig").attributePayload(p -> p
                .attributes(Map.of("buses", "can,ethernet")))).thingId();
        iot.updateThing(b -> b.thingName("signed-rig").attributePayload(p -> p.attributes(Map.of("site", "lab-b"))
                .merge(true)));
        iot.createThingGroup(b -> b.thingGroupName("signed-pool"));
        iot.addThingToThingGroup(b -> b.thingGroupName("signed-pool").thingName("signed-rig"));

        cloud.restart();

        DescribeThingResponse after = iot.describeThing(b -> b.thingName("signed-rig"));
        assertThat(after.thingId()).isEqualTo(id);
        assertThat(after.version()).isEqualTo(2L);
        assertThat(after.attributes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("buses", "can,ethernet", "site", "lab-b"));
        assertThat(iot.listThingsInThingGroup(b -> b.thingGroupName("signed-pool")).things())
                .containsExactly("signed-rig");
    }

    @Test
    void theAwsCliWorksUnchangedWithEndpointUrlForThingsAndJobs() throws Exception {
        assumeTrue(onPath("aws"), "the aws CLI is not installed (apt-get install awscli; .ci/run installs it)");

        Cli created = aws("iot", "create-thing", "--thing-name", "cli-rig", "--attribute-payload",
                "{\"attributes\":{\"buses\":\"canfd\",\"site\":\"lab-c\"}}");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(JSON.readTree(created.stdout()).path("thingArn").asText()).endsWith(":thing/cli-rig");

        Cli updated = aws("iot", "update-thing", "--thing-name", "cli-rig", "--expected-version", "1",
                "--attribute-payload", "{\"attributes\":{\"dut\":\"gateway\"},\"merge\":true}");
        assertThat(updated.exitCode()).as(updated.stderr()).isZero();

        Cli described = aws("iot", "describe-thing", "--thing-name", "cli-rig");
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        JsonNode thing = JSON.readTree(described.stdout());
        assertThat(thing.path("version").asLong()).isEqualTo(2L);
        assertThat(thing.path("attributes").path("dut").asText()).isEqualTo("gateway");
        assertThat(iot.describeThing(b -> b.thingName("cli-rig")).attributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("buses", "canfd", "site", "lab-c", "dut", "gateway"));

        Cli listed = aws("iot", "list-things", "--attribute-name", "site", "--attribute-value", "lab-c");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(JSON.readTree(listed.stdout()).path("things").findValuesAsText("thingName"))
                .containsExactly("cli-rig");

        Cli stale = aws("iot", "update-thing", "--thing-name", "cli-rig", "--expected-version", "1",
                "--attribute-payload", "{\"attributes\":{\"dut\":\"other\"},\"merge\":true}");
        assertThat(stale.exitCode()).isNotZero();
        assertThat(stale.stderr()).contains("VersionConflictException");

        String thingArn = JSON.readTree(created.stdout()).path("thingArn").asText();
        Cli job = aws("iot", "create-job", "--job-id", "cli-job", "--targets", thingArn, "--document",
                "{\"operation\":\"replay\"}", "--timeout-config", "inProgressTimeoutInMinutes=20");
        assertThat(job.exitCode()).as(job.stderr()).isZero();
        assertThat(JSON.readTree(job.stdout()).path("jobArn").asText()).endsWith(":job/cli-job");
        Cli describedJob = aws("iot", "describe-job", "--job-id", "cli-job");
        assertThat(describedJob.exitCode()).as(describedJob.stderr()).isZero();
        JsonNode jobNode = JSON.readTree(describedJob.stdout()).path("job");
        assertThat(jobNode.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(jobNode.path("timeoutConfig").path("inProgressTimeoutInMinutes").asLong()).isEqualTo(20L);
        assertThat(jobNode.path("jobProcessDetails").path("numberOfQueuedThings").asInt()).isEqualTo(1);
        Cli jobs = aws("iot", "list-jobs");
        assertThat(jobs.exitCode()).as(jobs.stderr()).isZero();
        assertThat(JSON.readTree(jobs.stdout()).path("jobs").findValuesAsText("jobId")).contains("cli-job");

        Cli missing = aws("iot", "describe-thing", "--thing-name", "cli-never-made");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException", "cli-never-made");
    }

    private record Cli(int exitCode, String stdout, String stderr) {
    }

    private static Cli aws(String... arguments) throws Exception {
        Path credentials = Files.createTempFile("aws-cli-credentials", "");
        Files.writeString(credentials, "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = "
                + SECRET + "\n");
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--endpoint-url", cloud.httpBase(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        builder.environment().put("AWS_CONFIG_FILE", credentials.toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", arguments) + " did not finish in 60 s");
        }
        Cli result = new Cli(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        for (Path file : List.of(credentials, out, err)) {
            Files.delete(file);
        }
        return result;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
