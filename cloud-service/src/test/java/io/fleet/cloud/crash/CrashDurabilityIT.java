package io.fleet.cloud.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.DevCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts during a stream of writes: the real service in its own JVM is killed with SIGKILL together with its
 * embedded PostgreSQL (both process groups at once) while devices update shadows over MQTT, apps over HTTP, an admin
 * adds users and submits commands. After each restart every acknowledged write must be there and no shadow version
 * may be handed out a second time. Some rounds kill only the JVM, which leaves PostgreSQL running as an orphan: the
 * next start must stop it and go on.
 *
 * <p>{@code -Dcrash.rounds=N} changes the number of rounds; {@code -Dcrash.unsafe=true} runs the service with
 * {@code --db-unsafe-fast-commits} to show what the test catches (acknowledged updates lost).
 */
class CrashDurabilityIT {

    private static final int ROUNDS = Integer.getInteger("crash.rounds", 11);
    private static final boolean UNSAFE = Boolean.getBoolean("crash.unsafe");
    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final String VEHICLE = "crash-car";

    @TempDir
    Path root;

    private Path dataDir;
    private DevCertificates certificates;
    private int httpPort;
    private int mqttPort;
    private volatile CloudProcess cloud;

    @Test
    void noAcknowledgedWriteIsLostAndNoVersionReusedAcrossKills() throws Exception {
        dataDir = root.resolve("data");
        certificates = DevCertificates.create(root.resolve("certs"));
        httpPort = freePort();
        mqttPort = freePort();
        long seed = Long.getLong("crash.seed", System.nanoTime());

        List<ShadowWriter> shadows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            shadows.add(new ShadowWriter.OverHttp("crash-http-" + i, () -> cloud.httpBase()));
            String thing = "crash-mqtt-" + i;
            shadows.add(new ShadowWriter.OverMqtt(thing, () -> device(thing)));
        }
        List<AppWriter> apps = List.of(new AppWriter.Users(this::admin, "http://127.0.0.1:" + httpPort),
                new AppWriter.Commands(this::admin, VEHICLE));

        cloud = start(1);
        try {
            rounds(seed, shadows, apps);
        } finally {
            cloud.stop();
        }
        List<AcknowledgedWriter<?>> writers = new ArrayList<>(shadows);
        writers.addAll(apps);
        for (AcknowledgedWriter<?> w : writers) {
            assertThat(w.acknowledged()).as("%s wrote through the rounds", w.name()).hasSizeGreaterThan(ROUNDS);
        }
    }

    private void rounds(long seed, List<ShadowWriter> shadows, List<AppWriter> apps) throws Exception {
        Random random = new Random(seed);
        assertThat(admin().post("/api/users", "{\"name\":\"crash-owner\",\"vehicles\":[\"" + VEHICLE + "\"]}")
                .status()).isEqualTo(201);
        int orphans = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            boolean jvmOnly = round % 6 == 0; // an orphaned PostgreSQL now and then
            List<AcknowledgedWriter<?>> writers = new ArrayList<>(shadows);
            writers.addAll(apps);
            List<Thread> threads = new ArrayList<>();
            writers.forEach(w -> threads.add(new Thread(w, "writer-" + w.name())));
            threads.forEach(Thread::start);
            Thread.sleep(1500 + random.nextInt(2000));
            cloud.kill(!jvmOnly);
            writers.forEach(AcknowledgedWriter::stop);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30).toMillis());
            }
            writers.forEach(AcknowledgedWriter::endRound);
            report(round, jvmOnly, writers);

            cloud = start(round + 1);
            for (ShadowWriter w : shadows) {
                w.verify(shadow(w.thing));
            }
            for (AppWriter w : apps) {
                w.verify();
            }
            if (jvmOnly) {
                orphans++;
                assertThat(Files.readString(log(round + 1))).as("seed %d", seed)
                        .contains("outlived the service that started it");
            }
        }
        assertThat(orphans).isPositive();
    }

    private static void report(int round, boolean jvmOnly, List<AcknowledgedWriter<?>> writers) {
        StringBuilder line = new StringBuilder("round " + round + (jvmOnly ? " (JVM only)" : " (JVM + PostgreSQL)")
                + ", acknowledged so far:");
        writers.forEach(w -> line.append(' ').append(w.name()).append('=').append(w.acknowledged().size()));
        System.out.println(line);
        writers.forEach(w -> System.out.println("  " + w.name() + " ended by " + w.ended()));
    }

    private CloudProcess start(int run) throws Exception {
        return UNSAFE
                ? CloudProcess.start(dataDir, certificates.dir(), httpPort, mqttPort, log(run), START_WAIT,
                        "--db-unsafe-fast-commits")
                : CloudProcess.start(dataDir, certificates.dir(), httpPort, mqttPort, log(run), START_WAIT);
    }

    private Path log(int run) {
        return root.resolve("cloud-" + run + ".log");
    }

    private AppApiClient admin() {
        try {
            return new AppApiClient(cloud.httpBase(), Files.readString(dataDir.resolve("users/admin.token")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored shadow, or null when there is none. */
    private JsonNode shadow(String thing) throws Exception {
        AppApiClient.Reply r = new AppApiClient(cloud.httpBase(), "").get("/things/" + thing + "/shadow");
        assertThat(r.status()).as("GET shadow of %s", thing).isIn(200, 404);
        return r.status() == 200 ? r.body() : null;
    }

    private AwsDeviceClient device(String thing) {
        try {
            AwsDeviceClient device = AwsDeviceClient.start("localhost", mqttPort, certificates.caCertificate(),
                    certificates.thing(thing), thing);
            device.awaitConnected();
            return device;
        } catch (Exception e) {
            throw new IllegalStateException(thing + " did not connect", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
