package io.fleet.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./fleet demo} (the repository's launcher script) run from a copy of it, with a {@code java} on the PATH that
 * only records how it was called: the demo's programs are not started, only their command lines and the files the
 * launcher writes are judged. The recorded "cloud" exits at once; a socket of the test plays its HTTP port.
 */
class DemoLauncherTest {

    private static final Path LAUNCHER = Path.of("..", "fleet");

    /** What one {@code ./fleet demo} did: where its repository copy is, what it printed, how it called java. */
    private record Demo(Path root, String output, String calls) {
    }

    @Test
    void theDemoPutsItsAgentsAndRigsUnderTheDataDirItIsGiven(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("elsewhere");

        Demo demo = demo(dir, "--data-dir", data.toString());

        assertThat(demo.calls()).as(demo.output()).contains("serve --demo --data-dir " + data,
                "--journal-dir " + data.resolve("agents/demo-car-1"),
                "--work-dir " + data.resolve("rigs/rig-1") + " --cache-dir " + data.resolve("rigs/rig-1-cache"),
                "--work-dir " + data.resolve("rigs/rig-2"),
                "AWS_SHARED_CREDENTIALS_FILE=" + data.resolve("s3/credentials"));
        assertThat(data.resolve("agents/demo-car-1.log")).exists();
        assertThat(data.resolve("rigs/rig-1.log")).exists();
        assertThat(demo.root().resolve("data")).as("nothing under the default data dir").doesNotExist();
        assertThat(demo.output()).contains("(log: " + data.resolve("rigs/rig-2.log") + ")");
    }

    @Test
    void aRelativeDataDirIsUnderTheRepositoryAsTheServiceResolvesIt(@TempDir Path dir) throws Exception {
        Demo demo = demo(dir, "--data-dir=demo-data");

        assertThat(demo.calls()).contains("--journal-dir " + demo.root().resolve("demo-data/agents/demo-car-1"));
        assertThat(demo.root().resolve("demo-data/rigs/rig-2.log")).exists();
    }

    /** {@code ./fleet demo ARGS --http-port P} in a copy of the repository under {@code dir}, java recorded. */
    private static Demo demo(Path dir, String... args) throws Exception {
        assumeTrue(Files.isRegularFile(LAUNCHER), "the launcher is at the repository root, ../fleet from the module");
        Path root = copyOfTheRepository(dir.resolve("repo"));
        Path calls = dir.resolve("java-calls.txt");
        Path bin = fakeJava(dir.resolve("bin"), calls);
        try (ServerSocket http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--http-port", Integer.toString(http.getLocalPort())));
            String output = runDemo(root, bin, all);
            return new Demo(root, output, allFourCalls(calls));
        }
    }

    /** The recorded calls once the cloud, the vehicle and both rigs have been started (they run in the background). */
    private static String allFourCalls(Path calls) {
        return await("the demo to start its four programs").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(calls) ? Files.readString(calls, StandardCharsets.UTF_8) : "",
                        recorded -> recorded.lines().count() >= 4);
    }

    /** The launcher with what it looks for before starting anything: a fresh build stamp and the certificates. */
    private static Path copyOfTheRepository(Path root) throws Exception {
        Files.createDirectories(root.resolve("target"));
        Files.copy(LAUNCHER, root.resolve("fleet"));
        Files.writeString(root.resolve("target/.fleet-built"), "");
        for (String file : List.of("ca.pem", "service/certificate.pem", "things/demo-car-1/certificate.pem",
                "things/rig-1/certificate.pem", "things/rig-2/certificate.pem")) {
            Path path = root.resolve("certs/generated").resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "");
        }
        return root;
    }

    /** A {@code java} that appends its arguments (and the S3 credentials it was given) to {@code calls}. */
    private static Path fakeJava(Path bin, Path calls) throws Exception {
        Files.createDirectories(bin);
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"$* AWS_SHARED_CREDENTIALS_FILE="
                + "${AWS_SHARED_CREDENTIALS_FILE:-}\" >> '" + calls + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static String runDemo(Path root, Path bin, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("fleet").toString(), "demo"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().remove("FLEET_JAVA_OPTS");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the demo launcher ends with its cloud").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
