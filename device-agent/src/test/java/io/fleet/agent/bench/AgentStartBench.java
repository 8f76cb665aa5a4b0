package io.fleet.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.agent.simulate.ThingCertificates;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.CertificateAndKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Cold start and memory of one agent process (not a test): {@code java <flags> -jar device-agent.jar run ...} against
 * a running cloud service. Cold start is process start -> the first shadow report accepted (the service's
 * {@code /update/documents} for the thing, watched with the service certificate), with "connected" (the agent's log
 * line) beside it; median of several runs per JVM flag set. Memory is VmRSS from /proc after an idle period and
 * after ten commands. A flag set holding {@code -XX:SharedArchiveFile=<f>} gets a training run with
 * {@code -XX:ArchiveClassesAtExit=<f>} first when the archive does not exist.
 *
 * <pre>
 * AgentStartBench &lt;runs&gt; &lt;idle seconds&gt; "&lt;flags&gt;" ["&lt;flags&gt;" ...]     ("" = the JDK's defaults)
 * -Dbench.http=... -Dbench.mqtt=host:port -Dbench.certsDir=certs/generated
 *     -Dbench.jar=device-agent/target/device-agent.jar
 * </pre>
 */
public final class AgentStartBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING = "bench-agent-1";

    private final String httpBase = System.getProperty("bench.http", "http://127.0.0.1:8080");
    private final String[] mqtt = System.getProperty("bench.mqtt", "localhost:8883").split(":");
    private final Path certsDir = Path.of(System.getProperty("bench.certsDir", "certs/generated")).toAbsolutePath();
    private final Path jar = Path.of(System.getProperty("bench.jar", "device-agent/target/device-agent.jar"))
            .toAbsolutePath();
    private final Path work = Path.of("target", "bench-agent").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<CompletableFuture<JsonNode>> nextDocument = new AtomicReference<>();
    private volatile Predicate<JsonNode> matcher = doc -> true;

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int idleSeconds = Integer.parseInt(args[1]);
        new AgentStartBench().run(runs, idleSeconds, Arrays.copyOfRange(args, 2, args.length));
        System.exit(0);
    }

    private void run(int runs, int idleSeconds, String[] flagSets) throws Exception {
        ThingCertificates.open(certsDir).forThing(THING);
        Files.createDirectories(work);
        try (AwsDeviceClient observer = AwsDeviceClient.start(mqtt[0], Integer.parseInt(mqtt[1]),
                certsDir.resolve("ca.pem"), CertificateAndKey.inFolder(certsDir.resolve("service")),
                "fleet-service-startbench")) {
            observer.awaitConnected();
            observer.subscribe("$aws/things/" + THING + "/shadow/update/documents");
            MessagePump.start(observer, "observer", (topic, payload) -> onDocument(payload));
            System.out.printf("%s, %d cores, Java %s, load average %s%n%n", Instant.now(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println("| JVM flags | start -> connected ms (median, min-max) | start -> first report accepted"
                    + " ms (median, min-max) | VmRSS after " + idleSeconds + " s idle | VmRSS after 10 commands |"
                    + " threads |");
            System.out.println("|---|---|---|---|---|---|");
            for (String flags : flagSets) {
                List<String> jvm = flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
                train(jvm);
                List<Long> connected = new ArrayList<>();
                List<Long> synced = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long[] times = coldStart(jvm);
                    connected.add(times[0]);
                    synced.add(times[1]);
                    Thread.sleep(500);
                }
                String[] memory = memory(jvm, idleSeconds);
                System.out.printf("| `%s` | %s | %s | %s | %s | %s |%n", flags.isBlank() ? "(none)" : flags,
                        summary(connected), summary(synced), memory[0], memory[1], memory[2]);
            }
        }
    }

    /** Process start -> "connected" logged, and -> the first report accepted; in ms. */
    private long[] coldStart(List<String> jvm) throws Exception {
        CompletableFuture<JsonNode> report = expectDocument();
        CompletableFuture<Long> connectedAt = new CompletableFuture<>();
        long start = System.nanoTime();
        Process agent = start(jvm, connectedAt);
        try {
            report.get(30, TimeUnit.SECONDS);
            long synced = System.nanoTime();
            long connected = connectedAt.get(5, TimeUnit.SECONDS);
            return new long[] {(connected - start) / 1_000_000, (synced - start) / 1_000_000};
        } finally {
            stop(agent);
        }
    }

    /** {VmRSS after idle, VmRSS after commands, threads}. */
    private String[] memory(List<String> jvm, int idleSeconds) throws Exception {
        CompletableFuture<JsonNode> report = expectDocument();
        Process agent = start(jvm, new CompletableFuture<>());
        try {
            report.get(30, TimeUnit.SECONDS);
            Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
            String idle = status(agent, "VmRSS");
            String[] values = {"\"on\"", "\"off\""};
            for (int i = 0; i < 10; i++) {
                String value = values[i % 2];
                CompletableFuture<JsonNode> done = expectDocument(
                        doc -> doc.at("/current/state/reported/headlights").toString().equals(value));
                http.send(HttpRequest.newBuilder(URI.create(httpBase + "/things/" + THING + "/shadow"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":{\"desired\":{\"headlights\":" + value
                                + "}}}")).build(), HttpResponse.BodyHandlers.discarding());
                done.get(30, TimeUnit.SECONDS);
            }
            Thread.sleep(5000);
            return new String[] {idle, status(agent, "VmRSS"), status(agent, "Threads")};
        } finally {
            stop(agent);
        }
    }

    /** A training run that writes the class-data archive named in the flags, when it does not exist yet. */
    private void train(List<String> jvm) throws Exception {
        for (String flag : jvm) {
            if (flag.startsWith("-XX:SharedArchiveFile=")) {
                Path archive = Path.of(flag.substring("-XX:SharedArchiveFile=".length()));
                if (!Files.exists(archive)) {
                    List<String> training = new ArrayList<>(jvm);
                    training.remove(flag);
                    training.add("-XX:ArchiveClassesAtExit=" + archive);
                    memory(training, 1); // connects, syncs, runs commands, then exits on SIGTERM
                    System.err.println("made the class-data archive " + archive + ": " + Files.exists(archive));
                }
            }
        }
    }

    private Process start(List<String> jvm, CompletableFuture<Long> connectedAt) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        Path thing = certsDir.resolve("things").resolve(THING);
        command.addAll(List.of("-jar", jar.toString(), "run", "--thing", THING, "--endpoint", mqtt[0],
                "--port", mqtt[1], "--cert", thing.resolve("certificate.pem").toString(),
                "--key", thing.resolve("private.key").toString(), "--ca", certsDir.resolve("ca.pem").toString(),
                "--journal-dir", work.resolve("journal").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains(" connected")) {
                        connectedAt.complete(System.nanoTime());
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "agent-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static void stop(Process agent) throws InterruptedException {
        agent.destroy(); // SIGTERM: the agent's shutdown hook closes it
        if (!agent.waitFor(30, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
        }
    }

    private CompletableFuture<JsonNode> expectDocument() {
        return expectDocument(doc -> true);
    }

    /** The next document of the thing that {@code wanted} accepts; one expectation at a time. */
    private CompletableFuture<JsonNode> expectDocument(Predicate<JsonNode> wanted) {
        CompletableFuture<JsonNode> slot = new CompletableFuture<>();
        matcher = wanted;
        nextDocument.set(slot);
        return slot;
    }

    /** CRT event-loop thread. */
    private void onDocument(byte[] payload) {
        CompletableFuture<JsonNode> slot = nextDocument.get();
        if (slot == null) {
            return;
        }
        try {
            JsonNode doc = JSON.readTree(payload);
            if (matcher.test(doc)) {
                slot.complete(doc);
            }
        } catch (IOException e) {
            // not JSON: ignore
        }
    }

    private static String status(Process process, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        return "?";
    }

    private static String summary(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.format("%d (%d-%d)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
