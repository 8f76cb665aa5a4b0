package io.fleet.rig.cli;

import static io.fleet.rig.cli.InputOutputFailuresTest.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.rig.source.S3ProxyExtension;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 inputs that fail, against S3Proxy and a closed loopback port: one line naming the URL, the reason and the
 * endpoint, exit code 1. The packaged jar is run too, so its own logging configuration is what is judged: no AWS SDK
 * DEBUG line (they used to include the SigV4 canonical request) and no stack trace.
 */
@ExtendWith(S3ProxyExtension.class)
class S3FailuresIT {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyOrBucketIsNamedWithTheEndpoint(S3Client s3, URI endpoint) {
        s3.createBucket(b -> b.bucket("failures"));

        for (String command : List.of("info", "convert", "replay")) {
            CliRun key = CliRun.of(args(command, "s3://failures/raw/none.log", endpoint));
            CliRun bucket = CliRun.of(args(command, "s3://no-such-bucket/raw/none.log", endpoint));

            assertOneLine(key, 1, "hil-rig " + command + ": cannot read s3://failures/raw/none.log: no such key "
                    + "(endpoint " + endpoint + ")");
            assertOneLine(bucket, 1, "hil-rig " + command + ": cannot read s3://no-such-bucket/raw/none.log: "
                    + "no such bucket (endpoint " + endpoint + ")");
        }
    }

    @Test
    void aTruncatedObjectIsNamedByItsUrlNotItsCachedCopy(S3Client s3, URI endpoint) throws Exception {
        s3.createBucket(b -> b.bucket("cut-logs"));
        byte[] whole = Files.readAllBytes(Path.of("../testdata/can/css-electronics/j1939-demo-00000001.MF4"));
        s3.putObject(b -> b.bucket("cut-logs").key("raw/cut.MF4"),
                RequestBody.fromBytes(Arrays.copyOf(whole, whole.length - 1)));

        CliRun strict = CliRun.of(args("info", "s3://cut-logs/raw/cut.MF4", endpoint));
        List<String> lenientArgs = new ArrayList<>(List.of(args("info", "s3://cut-logs/raw/cut.MF4", endpoint)));
        lenientArgs.add("--lenient");
        CliRun lenient = CliRun.of(lenientArgs.toArray(String[]::new));

        String what = "the file ends inside the record of channel group 'CAN1_Rx_IDE' in the ##DT block at byte "
                + "106776 (19 of 20 bytes): at least 1 record lost, 1 byte missing";
        assertOneLine(strict, 1, "hil-rig info: s3://cut-logs/raw/cut.MF4 at byte 3081175: truncated: " + what);
        assertOneLine(lenient, 0, "hil-rig info: warning: s3://cut-logs/raw/cut.MF4 is truncated at byte 3081175: "
                + what + "; read the 150410 records before it");
    }

    @Test
    void wrongCredentialsAreAccessDenied(URI endpoint) {
        List<String> args = new ArrayList<>(List.of(args("info", "s3://failures/raw/none.log", endpoint)));
        args.set(args.indexOf(S3ProxyExtension.SECRET_KEY), "not-the-secret");

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("hil-rig info: cannot read s3://failures/raw/none.log: access denied (HTTP 403")
                .endsWith("(endpoint " + endpoint + ")\n").doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void theJarSaysARefusedEndpointAndAMissingKeyInOneLineWithoutDebugLogs(S3Client s3, URI endpoint)
            throws Exception {
        s3.createBucket(b -> b.bucket("jar-failures"));
        URI closed = closedLoopbackPort();

        Result refused = runJar(args("info", "s3://bucket/raw/drive.log", closed));
        Result missing = runJar(args("replay", "s3://jar-failures/raw/none.log", endpoint));

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("hil-rig info: cannot read s3://bucket/raw/drive.log: connection refused "
                + "(endpoint " + closed + ")\n");
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("hil-rig replay: cannot read s3://jar-failures/raw/none.log: no such key "
                + "(endpoint " + endpoint + ")\n");
        assertThat(refused.out() + missing.out()).isEmpty();
    }

    private String[] args(String command, String url, URI endpoint) {
        List<String> args = new ArrayList<>(List.of(command, url));
        if (command.equals("convert")) {
            args.add(dir.resolve("out.log").toString());
        }
        if (command.equals("replay")) {
            args.addAll(List.of("--out", "loopback://a", "--no-progress"));
        }
        args.addAll(List.of("--s3-endpoint", endpoint.toString(), "--s3-region", "us-east-1", "--s3-access-key",
                S3ProxyExtension.ACCESS_KEY, "--s3-secret-key", S3ProxyExtension.SECRET_KEY, "--cache-dir",
                dir.resolve("cache").toString()));
        return args.toArray(String[]::new);
    }

    private static URI closedLoopbackPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    /** {@code java -jar target/hil-rig.jar ...} as {@code ./fleet rig} runs it (failsafe runs after package). */
    private Result runJar(String... args) throws Exception {
        Path jar = Path.of("target/hil-rig.jar");
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        File out = dir.resolve("stdout.txt").toFile();
        File err = dir.resolve("stderr.txt").toFile();
        Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("hil-rig did not finish: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }
}
