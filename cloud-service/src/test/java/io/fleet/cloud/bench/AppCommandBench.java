package io.fleet.cloud.bench;

import io.fleet.cloud.CloudService;
import io.fleet.cloud.alexa.BenchEnvelopes;
import io.fleet.cloud.broker.DevCertificates;
import io.fleet.cloud.config.AlexaConfig;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.TestConfig;
import io.fleet.cloud.users.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Benchmark (not a test) of the app command path with N simulated cars, each an MQTT client with its own
 * certificate that confirms a delta at once (so actuation time is excluded): POST /api/vehicles/{vin}/commands ->
 * desired -> delta -> car reports value + lastCommand SUCCEEDED -> command tracker -> SUCCEEDED on the vehicle's
 * SSE event stream (one open stream per car). Side by side, the same cars through the bare shadow protocol
 * (HTTP desired update -> delta -> report -> the car's /update/accepted): the floor under the app path.
 *
 * <p>Run with {@code scripts/bench-app-commands.sh [vehicles] [seconds] [rates]}.
 */
public final class AppCommandBench {

    private final List<BenchDevice> cars = new ArrayList<>();
    private final Recorder appLatency = new Recorder(3);
    private final Recorder shadowLatency = new Recorder(3);
    /** command id -> {post sent ns, SUCCEEDED seen ns}; whichever side comes second records. */
    private final Map<String, long[]> inFlight = new ConcurrentHashMap<>();
    private final long[] shadowSent;
    private final AtomicLong completed = new AtomicLong();
    // HTTP/1.1: one connection per open event stream, as browsers do; over h2c all streams would share one
    // connection and its limit of concurrent streams.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;
    private String token;

    private AppCommandBench(int vehicles) {
        shadowSent = new long[vehicles];
    }

    public static void main(String[] args) throws Exception {
        int vehicles = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String[] rates = (args.length > 2 ? args[2] : "50,200").split(",");
        new AppCommandBench(vehicles).run(vehicles, seconds, rates);
        System.exit(0);
    }

    private void run(int vehicles, int seconds, String[] rates) throws Exception {
        Path certsDir = Path.of("target", "bench-certs").toAbsolutePath();
        DevCertificates certs = Files.exists(certsDir.resolve("ca.pem")) ? DevCertificates.open(certsDir)
                : DevCertificates.create(certsDir);
        for (int i = 0; i < vehicles; i++) {
            certs.thing(thing(i));
        }
        CloudConfig config = CloudConfig.defaults().withDataDir(Files.createTempDirectory("fleet-bench").resolve("d"))
                .withCertsDir(certsDir).withMqtt(TestConfig.embeddedBrokerOnAnyPort())
                .withHttp(HttpConfig.loopback(0))
                .withS3(TestConfig.embeddedS3OnAnyPort())
                .withAlexa(AlexaConfig.unverified()); // the benchmark cannot sign like Amazon
        try (CloudService cloud = CloudService.start(config)) {
            base = "http://127.0.0.1:" + cloud.httpPort();
            token = cloud.tokenFiles().read(CloudService.ADMIN).orElseThrow();
            long t0 = System.nanoTime();
            for (int i = 0; i < vehicles; i++) {
                int index = i;
                cars.add(new BenchDevice(cloud.mqttEndpoint().host(), cloud.mqttEndpoint().port(),
                        certs.caCertificate(), certs.thing(thing(i)), thing(i), (t, p) -> onCarMessage(index, t, p)));
            }
            for (BenchDevice car : cars) {
                car.awaitConnected();
                car.subscribe("$aws/things/" + car.thing + "/shadow/update/delta",
                        "$aws/things/" + car.thing + "/shadow/update/accepted");
                car.publish("$aws/things/" + car.thing + "/shadow/update",
                        "{\"state\":{\"reported\":{\"trunk\":\"closed\"}}}");
                openEventStream(car.thing);
            }
            System.out.printf("%d cars connected (mTLS), subscribed, event streams open in %.1f s%n", vehicles,
                    (System.nanoTime() - t0) / 1e9);
            owners = new String[vehicles];
            for (int i = 0; i < vehicles; i++) {
                owners[i] = cloud.users().addUser("owner-" + i, User.Role.OWNER, List.of(thing(i)));
            }
            System.out.printf("%s, %d cores, %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            drive(true, 20, 10);  // warm-up, not reported
            drive(false, 20, 10);
            Thread.sleep(2000);
            System.out.println("| path | offered/s | completed/s | p50 ms | p99 ms | p99.9 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String rate : rates) {
                for (boolean app : new boolean[] {false, true}) {
                    phase(app, Integer.parseInt(rate.trim()), seconds);
                }
            }
            alexaPhase("is my car locked", 5, 5, false); // warm-up
            alexaPhase("open my trunk", 5, 5, false);
            System.out.println();
            System.out.println("| Alexa POST /alexa (verification off) | offered/s | answered/s | p50 ms | p99 ms "
                    + "| p99.9 ms | max ms | confirmed by the car |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (String rate : rates) {
                alexaPhase("is my car locked", Integer.parseInt(rate.trim()), seconds, true);
                alexaPhase("open my trunk", Integer.parseInt(rate.trim()), seconds, true);
            }
            finished = true;
            cars.forEach(BenchDevice::close);
        }
    }

    private volatile boolean finished;

    private void phase(boolean app, int rate, int seconds) throws InterruptedException {
        Recorder recorder = app ? appLatency : shadowLatency;
        recorder.reset();
        long before = completed.get();
        long start = System.nanoTime();
        drive(app, rate, seconds);
        long elapsed = System.nanoTime() - start;
        Thread.sleep(3000);
        var h = recorder.getIntervalHistogram();
        System.out.printf("| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f |%n", app
                        ? "app command -> SUCCEEDED on SSE" : "bare shadow: desired -> report accepted", rate,
                (completed.get() - before) / (elapsed / 1e9), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    private int sequence;
    private String[] owners;
    private final BenchEnvelopes envelopes = new BenchEnvelopes();
    private final Recorder alexaLatency = new Recorder(3);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();

    /**
     * Open loop of Alexa requests, each by the owner of the next car. A status question never waits for the car;
     * a command waits for its confirmation (instant here), so its figure is handling plus one car round trip.
     */
    private void alexaPhase(String utterance, int rate, int seconds, boolean print) throws InterruptedException {
        alexaLatency.reset();
        long answeredBefore = answered.get();
        long confirmedBefore = confirmed.get();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long next = start;
        int i = 0;
        while (next < end) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            int car = i++ % cars.size();
            byte[] body = envelopes.envelope(utterance.equals("open my trunk") && (sequence++ / cars.size()) % 2 == 1
                    ? "close my trunk" : utterance, owners[car]);
            long sent = System.nanoTime();
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/alexa"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        alexaLatency.recordValue(Math.max(0, System.nanoTime() - sent) / 1000);
                        answered.incrementAndGet();
                        String text = response.body();
                        boolean answered = text.contains("Your trunk is") || text.contains("Your car is");
                        if (response.statusCode() == 200 && answered) {
                            confirmed.incrementAndGet();
                        }
                    });
            next += interval;
        }
        long elapsed = System.nanoTime() - start;
        Thread.sleep(4000);
        var h = alexaLatency.getIntervalHistogram();
        if (!print) {
            return;
        }
        boolean command = utterance.startsWith("open");
        System.out.printf("| \"%s\" | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %s |%n", utterance, rate,
                (answered.get() - answeredBefore) / (elapsed / 1e9), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0, command ? (confirmed.get() - confirmedBefore) + " of "
                        + (answered.get() - answeredBefore) : "(status: no wait)");
    }

    private void drive(boolean app, int rate, int seconds) {
        long interval = 1_000_000_000L / rate;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long next = System.nanoTime();
        while (next < end) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            int car = sequence % cars.size();
            String value = (sequence / cars.size()) % 2 == 0 ? "open" : "closed";
            sequence++;
            if (app) {
                sendCommand(cars.get(car).thing, value);
            } else {
                shadowSent[car] = System.nanoTime();
                http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/things/" + cars.get(car).thing + "/shadow"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":{\"desired\":{\"trunk\":\"" + value
                                + "\"}}}")).build(), HttpResponse.BodyHandlers.discarding());
            }
            next += interval;
        }
    }

    private void sendCommand(String vin, String value) {
        long sent = System.nanoTime();
        http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/vehicles/" + vin + "/commands"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"attribute\":\"trunk\",\"value\":\"" + value
                                + "\"}")).build(), HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> {
                    String body = response.body();
                    int at = body.indexOf("\"id\":\"");
                    if (response.statusCode() == 202 && at >= 0) {
                        String id = body.substring(at + 6, body.indexOf('"', at + 6));
                        match(id, sent, 0);
                    } else {
                        System.out.println("command refused: " + response.statusCode() + " " + body);
                    }
                });
    }

    /** Called with the send time (from the POST answer) and with the SUCCEEDED time (from the stream). */
    private void match(String id, long sent, long succeeded) {
        long[] both = inFlight.merge(id, new long[] {sent, succeeded}, (a, b) -> new long[] {
                Math.max(a[0], b[0]), Math.max(a[1], b[1])});
        if (both[0] != 0 && both[1] != 0 && inFlight.remove(id) != null) {
            appLatency.recordValue(Math.max(0, both[1] - both[0]) / 1000);
            completed.incrementAndGet();
        }
    }

    /** CRT event-loop thread: a delta is confirmed at once; an accepted report ends a bare-shadow round trip. */
    private void onCarMessage(int index, String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        BenchDevice car = cars.get(index);
        if (topic.endsWith("/delta")) {
            int at = text.indexOf("\"trunk\":\"");
            if (at < 0) {
                return;
            }
            String value = text.substring(at + 9, text.indexOf('"', at + 9));
            int v = text.indexOf("\"version\":");
            long version = Long.parseLong(text.substring(v + 10).replaceAll("^(\\d+).*$", "$1"));
            car.publish("$aws/things/" + car.thing + "/shadow/update", "{\"state\":{\"reported\":{\"trunk\":\""
                    + value + "\",\"lastCommand\":{\"attribute\":\"trunk\",\"value\":\"" + value
                    + "\",\"desiredVersion\":" + version + ",\"status\":\"SUCCEEDED\",\"reason\":null,\"at\":"
                    + System.currentTimeMillis() / 1000 + "}}},\"clientToken\":\"report\"}");
        } else if (topic.endsWith("/update/accepted") && text.contains("\"clientToken\":\"report\"")
                && shadowSent[index] != 0) {
            shadowLatency.recordValue(Math.max(0, System.nanoTime() - shadowSent[index]) / 1000);
            shadowSent[index] = 0;
            completed.incrementAndGet();
        }
    }

    private void openEventStream(String vin) {
        http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/vehicles/" + vin + "/events?access_token="
                + token)).build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        if (line.startsWith("data: {\"id\":") && line.contains("\"status\":\"SUCCEEDED\"")) {
                            long now = System.nanoTime();
                            match(line.substring(13, line.indexOf('"', 13)), 0, now);
                        }
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        if (!finished) {
                            System.out.println("event stream of " + vin + " failed: " + throwable);
                        }
                    }

                    @Override
                    public void onComplete() {
                    }
                }));
    }

    private static String thing(int i) {
        return "bench-car-" + i;
    }
}
