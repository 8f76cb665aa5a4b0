package io.fleet.cloud.bench;

import io.fleet.cloud.CloudService;
import io.fleet.cloud.broker.DevCertificates;
import io.fleet.cloud.config.BrokerPersistence;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.ShadowConfig;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.config.TestConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load benchmark of the shadow service (not a test): N devices connected with mutual TLS to the embedded broker,
 * each updating its reported state. For each offered rate it measures sustained updates/s and publish ->
 * {@code /update/accepted} latency, and in the same run the raw broker round trip (publish -> the device's own
 * echo subscription, no shadow service) as the ceiling. Results go to BENCHMARKS.md by hand.
 *
 * <pre>
 * scripts/bench-shadow.sh 1000 10 1000,3000,5000,0
 * </pre>
 * Arguments: devices, seconds per phase, offered rates in messages/s (0 = closed loop: every device keeps one
 * request outstanding, which measures the maximum).
 */
public final class ShadowLoadBench {

    private final List<BenchDevice> devices = new ArrayList<>();
    private final Recorder latency = new Recorder(3);
    private final AtomicLong received = new AtomicLong();
    private volatile boolean closedLoop;
    private volatile Route route = Route.RAW;

    /** What a device sends and which answer ends the round trip. */
    private enum Route {
        RAW("raw broker round trip"), SHADOW("shadow update -> accepted"), JOBS("jobs/get -> accepted");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        int deviceCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String[] rates = (args.length > 2 ? args[2] : "1000,3000,0").split(",");
        new ShadowLoadBench().run(deviceCount, seconds, rates);
        System.exit(0);
    }

    private void run(int deviceCount, int seconds, String[] rates) throws Exception {
        // -Dbench.routes=raw,shadow,jobs (default raw,shadow): which round trips to time, each beside the raw one
        List<Route> routes = Arrays.stream(System.getProperty("bench.routes", "raw,shadow").split(","))
                .map(name -> Route.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
        Path root = Files.createTempDirectory("fleet-bench");
        Path certsDir = Path.of("target", "bench-certs").toAbsolutePath();
        DevCertificates certs = Files.exists(certsDir.resolve("ca.pem")) ? DevCertificates.open(certsDir)
                : DevCertificates.create(certsDir);
        System.out.printf("making %d device certificates (cached in %s)%n", deviceCount, certsDir);
        for (int i = 0; i < deviceCount; i++) {
            certs.thing(thing(i));
        }
        CloudConfig config = CloudConfig.defaults().withDataDir(root.resolve("data")).withCertsDir(certsDir)
                .withMqtt(TestConfig.mqtt().port(0).sharedGroup(System.getProperty("bench.shareGroup"))
                        .brokerPersistence(BrokerPersistence.parse(System.getProperty("bench.brokerPersistence",
                                "in-memory")))
                        .shadowFrontend(ShadowFrontend.parse(System.getProperty("bench.shadowFrontend"))).build())
                .withHttp(HttpConfig.loopback(0))
                .withS3(TestConfig.embeddedS3OnAnyPort())
                .withShadow(benchShadow())
                .withDatabase(DatabaseConfig.defaults()
                        .withUnsafeFastCommits(Boolean.getBoolean("bench.unsafeFastCommits")));
        System.out.println("embedded PostgreSQL commits: " + (config.database().unsafeFastCommits()
                ? "unsafe (fsync and synchronous_commit off)" : "durable (fsync and synchronous_commit on)"));
        try (CloudService cloud = CloudService.start(config)) {
            String host = cloud.mqttEndpoint().host();
            int port = cloud.mqttEndpoint().port();
            long t0 = System.nanoTime();
            for (int i = 0; i < deviceCount; i++) {
                String thing = thing(i);
                devices.add(new BenchDevice(host, port, certs.caCertificate(), certs.thing(thing), thing,
                        this::onMessage));
            }
            for (BenchDevice d : devices) {
                d.awaitConnected();
                d.subscribe("$aws/things/" + d.thing + "/shadow/update/accepted", "vehicles/" + d.thing + "/echo",
                        "$aws/things/" + d.thing + "/jobs/get/accepted");
            }
            System.out.printf("%d devices connected with mTLS and subscribed in %.1f s%n", deviceCount,
                    (System.nanoTime() - t0) / 1e9);
            System.out.printf("%s, %d cores, %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            // JIT warm-up of both paths (closed loop, 10 s each unless -Dbench.warmupSeconds), not reported; the
            // shadow path has far more code to compile and keeps getting faster for about a minute
            int warmup = Integer.getInteger("bench.warmupSeconds", 10);
            for (Route warming : routes) {
                route = warming;
                drive(0, warmup);
                Thread.sleep(1000);
            }
            System.out.println("| path | offered/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String rate : rates) {
                for (Route measured : routes) {
                    phase(measured, Integer.parseInt(rate.trim()), seconds);
                }
                cloud.metrics().find("fleet.shadow.requests").timers().forEach(t -> System.out.printf(
                        "   service-side %s: count %d, mean %.2f ms, max %.2f ms%n", t.getId().getTags(), t.count(),
                        t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS)));
                System.out.printf("   publish queue: %.0f%n",
                        cloud.metrics().find("fleet.shadow.publish.queued").gauge().value());
            }
            devices.forEach(BenchDevice::close);
        }
    }

    /** The shadow lanes as -Dbench.commitLanes and -Dbench.cachedShadows set them, else the defaults. */
    private static ShadowConfig benchShadow() {
        ShadowConfig shadow = ShadowConfig.defaults();
        shadow = shadow.withCommitLanes(Integer.getInteger("bench.commitLanes", shadow.commitLanes()));
        return shadow.withCachedShadows(Integer.getInteger("bench.cachedShadows", shadow.cachedShadows()));
    }

    private void phase(Route measured, int rate, int seconds) throws InterruptedException {
        route = measured;
        // one second of warm-up, then measure
        drive(rate, 1);
        Thread.sleep(500);
        latency.reset();
        long before = received.get();
        long start = System.nanoTime();
        drive(rate, seconds);
        long elapsed = System.nanoTime() - start;
        Thread.sleep(1000);
        long count = received.get() - before;
        Histogram h = latency.getIntervalHistogram();
        System.out.printf("| %s | %s | %.0f | %.2f | %.2f | %.2f | %.2f |%n", measured.label,
                rate == 0 ? "closed loop" : Integer.toString(rate),
                count / (elapsed / 1e9), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private void drive(int rate, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        closedLoop = rate == 0;
        if (closedLoop) {
            devices.forEach(this::send);
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(10_000_000);
            }
            closedLoop = false; // responses stop re-sending
            return;
        }
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int i = 0;
        while (next < end) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            send(devices.get(i++ % devices.size()));
            next += interval;
        }
    }

    private void send(BenchDevice d) {
        long now = System.nanoTime();
        switch (route) {
            case SHADOW -> d.publish("$aws/things/" + d.thing + "/shadow/update",
                    "{\"state\":{\"reported\":{\"speed\":" + (now % 130) + ",\"seq\":" + now + "}},\"clientToken\":\""
                            + now + "\"}");
            case JOBS -> d.publish("$aws/things/" + d.thing + "/jobs/get", "{\"clientToken\":\"" + now + "\"}");
            case RAW -> d.publish("vehicles/" + d.thing + "/echo", Long.toString(now));
        }
    }

    /** CRT event-loop thread. */
    private void onMessage(String topic, byte[] payload) {
        long now = System.nanoTime();
        String text = new String(payload, StandardCharsets.UTF_8);
        long sent;
        if (topic.endsWith("/update/accepted") || topic.endsWith("/jobs/get/accepted")) {
            int at = text.indexOf("\"clientToken\":\"");
            if (at < 0) {
                return;
            }
            int from = at + 15;
            sent = Long.parseLong(text, from, text.indexOf('"', from), 10);
        } else {
            sent = Long.parseLong(text);
        }
        latency.recordValue(Math.max(0, now - sent) / 1000);
        received.incrementAndGet();
        if (closedLoop) {
            String thing = topic.split("/")[topic.startsWith("$aws") ? 2 : 1];
            int index = Integer.parseInt(thing.substring(thing.lastIndexOf('-') + 1));
            send(devices.get(index));
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static String thing(int i) {
        return "bench-car-" + i;
    }
}
