package io.fleet.cloud.crash;

import static org.awaitility.Awaitility.await;

import io.fleet.cloud.CloudMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real cloud-service CLI ({@code serve}) in a JVM of its own, which a test can kill with SIGKILL together with
 * every process of its embedded PostgreSQL, as a power cut would stop them all at once.
 */
public final class CloudProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int httpPort;

    private CloudProcess(Process process, Path dataDir, Path log, int httpPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code serve} and waits until {@code /health} answers 200. */
    public static CloudProcess start(Path dataDir, Path certsDir, int httpPort, int mqttPort, Path log, Duration wait,
                              String... extraArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), CloudMain.class.getName(), "serve",
                "--data-dir", dataDir.toString(), "--certs-dir", certsDir.toString(),
                "--http-port", String.valueOf(httpPort), "--mqtt-port", String.valueOf(mqttPort), "--s3-port", "0"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CloudProcess cloud = new CloudProcess(process, dataDir, log, httpPort);
        cloud.awaitHealthy(wait);
        return cloud;
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The embedded PostgreSQL's postmaster, from its PID file. */
    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    }

    /**
     * SIGKILL to the service's JVM and, with {@code alsoDatabase}, first to every PostgreSQL process (its WAL writer
     * included, so nothing it had not yet flushed gets written after the service's last answer). Sent process by
     * process from here: procps' {@code kill} with several negative (group) ids signalled every process it could.
     */
    public void kill(boolean alsoDatabase) throws Exception {
        List<ProcessHandle> victims = new ArrayList<>();
        if (alsoDatabase) {
            ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
            postmaster.descendants().forEach(victims::add);
            victims.add(postmaster);
        }
        victims.add(process.toHandle());
        process.descendants().forEach(victims::add);
        victims.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Ctrl-C: the service stops its components in order. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitHealthy(Duration wait) throws Exception {
        try {
            await().atMost(wait).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the cloud service exited with " + process.exitValue()
                                    + "; log " + log + ":\n" + Files.readString(log));
                        }
                        return HTTP.send(HttpRequest.newBuilder(URI.create(httpBase() + "/health"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the cloud service was not healthy within " + wait + "; log " + log, e);
        }
    }
}
