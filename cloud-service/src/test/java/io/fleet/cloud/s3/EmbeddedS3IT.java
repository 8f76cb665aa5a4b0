package io.fleet.cloud.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.cloud.config.S3Config;
import io.fleet.cloud.config.TestConfig;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The demo's S3 endpoint (S3Proxy in-process, filesystem back-end) judged by the real AWS SDK v2 S3 client and, where
 * installed, the AWS CLI: the credentials it writes work as they are, objects land in the data dir and survive a
 * restart, wrong keys are refused.
 */
class EmbeddedS3IT {

    private static final Path MF4 = Path.of("..", "testdata", "can", "css-electronics",
            "2F6913DB-00000004-00000001.MF4");

    @TempDir
    Path dataDir;

    private static S3Config embeddedOnAnyPort() {
        return TestConfig.embeddedS3OnAnyPort();
    }

    /** An SDK client configured only from what the service wrote: the credentials file, profile default. */
    private static S3Client clientFromCredentialsFile(DriveLogBucket bucket) {
        EmbeddedS3 s3 = bucket.embedded().orElseThrow();
        ProfileCredentialsProvider profile = ProfileCredentialsProvider.builder().profileFile(ProfileFile.builder()
                .content(s3.credentialsFile()).type(ProfileFile.Type.CREDENTIALS).build()).profileName("default")
                .build();
        return DriveLogBucket.client(s3.endpoint(), "us-east-1", profile);
    }

    @Test
    void theSdkWritesListsAndReadsDriveLogsWithTheGeneratedCredentialsPathStyle() throws Exception {
        try (DriveLogBucket bucket = DriveLogBucket.open(embeddedOnAnyPort(), dataDir);
             S3Client client = clientFromCredentialsFile(bucket)) {
            Path credentials = dataDir.resolve("s3/credentials");
            assertThat(bucket.embedded().orElseThrow().credentialsFile()).isEqualTo(credentials);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(credentials)).startsWith("[default]\naws_access_key_id = ")
                    .contains("aws_secret_access_key = ");
            assertThat(client.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("drive-logs");

            byte[] log = Files.readAllBytes(MF4);
            client.putObject(p -> p.bucket("drive-logs").key("raw/car-7/drive.MF4"), RequestBody.fromBytes(log));

            assertThat(client.listObjectsV2(l -> l.bucket("drive-logs").prefix("raw/")).contents())
                    .extracting(o -> o.key(), o -> o.size()).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("raw/car-7/drive.MF4", (long) log.length));
            assertThat(client.getObjectAsBytes(g -> g.bucket("drive-logs").key("raw/car-7/drive.MF4"))
                    .asByteArray()).isEqualTo(log);
            // path-style: the request went to <endpoint>/drive-logs/..., the filesystem back-end keeps it there
            assertThat(Files.walk(dataDir.resolve("s3/blobs")).filter(Files::isRegularFile)
                    .anyMatch(f -> f.endsWith(Path.of("drive-logs", "raw", "car-7", "drive.MF4")))).isTrue();
        }
    }

    @Test
    void objectsAndCredentialsSurviveARestartOfTheStore() throws Exception {
        String keyId;
        try (DriveLogBucket bucket = DriveLogBucket.open(embeddedOnAnyPort(), dataDir)) {
            keyId = bucket.embedded().orElseThrow().credentials().accessKeyId();
            bucket.client().putObject(p -> p.bucket("drive-logs").key("raw/car-1/a.log"),
                    RequestBody.fromString("(1.0) can0 123#00\n"));
        }
        try (DriveLogBucket again = DriveLogBucket.open(embeddedOnAnyPort(), dataDir)) {
            assertThat(again.embedded().orElseThrow().credentials().accessKeyId()).isEqualTo(keyId);
            assertThat(again.client().getObjectAsBytes(g -> g.bucket("drive-logs").key("raw/car-1/a.log"))
                    .asUtf8String()).isEqualTo("(1.0) can0 123#00\n");
        }
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefused() throws Exception {
        try (DriveLogBucket bucket = DriveLogBucket.open(embeddedOnAnyPort(), dataDir);
             S3Client stranger = DriveLogBucket.client(bucket.embedded().orElseThrow().endpoint(), "us-east-1",
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("someone", "else")))) {
            assertThatThrownBy(() -> stranger.listObjectsV2(l -> l.bucket("drive-logs")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void anExternalBucketThatDoesNotExistFailsTheStartNamingIt() throws Exception {
        try (DriveLogBucket embedded = DriveLogBucket.open(embeddedOnAnyPort(), dataDir)) {
            EmbeddedS3 s3 = embedded.embedded().orElseThrow();
            S3Config external = S3Config.external(s3.endpoint().toString(), null,
                    "no-such-bucket", s3.credentialsFile());
            assertThatThrownBy(() -> DriveLogBucket.open(external, dataDir))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3.bucket no-such-bucket does not exist at " + s3.endpoint());
            // the same store as an external endpoint, with the credentials file: the production code path
            try (DriveLogBucket asExternal = DriveLogBucket.open(S3Config.external(
                    s3.endpoint().toString(), null, null, s3.credentialsFile()), dataDir)) {
                assertThat(asExternal.embedded()).isEmpty();
                assertThat(asExternal.client().listObjectsV2(l -> l.bucket("drive-logs")).contents()).isEmpty();
            }
        }
    }

    @Test
    void theAwsCliCopiesADriveLogInWithTheGeneratedCredentials() throws Exception {
        assumeTrue(awsCliInstalled(), "the AWS CLI (`aws`) is not installed; .ci/run installs Debian's awscli");
        try (DriveLogBucket bucket = DriveLogBucket.open(embeddedOnAnyPort(), dataDir)) {
            EmbeddedS3 s3 = bucket.embedded().orElseThrow();
            Map<String, String> environment = Map.of("AWS_SHARED_CREDENTIALS_FILE", s3.credentialsFile().toString(),
                    "AWS_CONFIG_FILE", dataDir.resolve("no-config").toString(), "AWS_DEFAULT_REGION", "us-east-1");
            String output = aws(environment, "s3", "cp", MF4.toString(), "s3://drive-logs/raw/car-7/",
                    "--endpoint-url", s3.endpoint().toString());
            assertThat(output).contains("upload:");
            assertThat(bucket.client().getObjectAsBytes(g -> g.bucket("drive-logs")
                    .key("raw/car-7/2F6913DB-00000004-00000001.MF4")).asByteArray())
                    .isEqualTo(Files.readAllBytes(MF4));
            assertThat(aws(environment, "s3", "ls", "s3://drive-logs/raw/car-7/", "--endpoint-url",
                    s3.endpoint().toString())).contains("2F6913DB-00000004-00000001.MF4");
        }
    }

    private static boolean awsCliInstalled() {
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String aws(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("aws %s: %s", String.join(" ", arguments), output).isZero();
        return output;
    }

    @Test
    void anObjectStillBeingUploadedIsNotListedUnderItsTemporaryName() throws Exception {
        try (DriveLogBucket bucket = DriveLogBucket.open(embeddedOnAnyPort(), dataDir);
             S3Client client = clientFromCredentialsFile(bucket);
             PipedOutputStream sender = new PipedOutputStream();
             PipedInputStream body = new PipedInputStream(sender, 1024)) {
            byte[] log = new byte[256 * 1024];
            Thread upload = new Thread(() -> client.putObject(p -> p.bucket("drive-logs").key("raw/car-7/slow.log"),
                    RequestBody.fromInputStream(body, log.length)));
            upload.start();
            sender.write(log, 0, log.length / 2);
            sender.flush();
            // S3Proxy writes the body to "<key>-<uuid>" beside its final name; wait until that file exists
            Path vehicleDir = dataDir.resolve("s3/blobs/drive-logs/raw/car-7");
            await("the upload's temporary file").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> hasFileStartingWith(vehicleDir, "slow.log-"));

            assertThat(client.listObjectsV2(l -> l.bucket("drive-logs").prefix("raw/")).contents()).isEmpty();

            sender.write(log, log.length / 2, log.length - log.length / 2);
            sender.close();
            upload.join(20_000);
            assertThat(client.listObjectsV2(l -> l.bucket("drive-logs").prefix("raw/")).contents())
                    .extracting(o -> o.key()).containsExactly("raw/car-7/slow.log");
        }
    }

    private static boolean hasFileStartingWith(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
        }
    }
}
