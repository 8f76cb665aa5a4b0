package io.fleet.agent.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.agent.simulate.ThingCertificates;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.CertificateAndKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.ShadowState;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowRequest;

/**
 * Desired -> reported round trip of a simulated fleet (not a test). Expects the cloud service and {@code device-agent
 * simulate --instant} running (scripts/bench-fleet.sh starts both). Writes {@code desired.headlights} over the HTTP
 * shadow API at a fixed rate, round-robin over the fleet, and watches {@code $aws/things/+/shadow/update/documents}
 * with the service certificate: the round trip ends at the first document whose {@code reported.headlights} is the new
 * value. Every fifth request goes instead to an echo device in this JVM (the cloud-service tests' {@link
 * AwsDeviceClient}), which answers each delta with the same reported state (no agent, no journal): the ceiling of the
 * same path in the same run. Half the echo devices publish the report as a plain MQTT message ({@code echo-car-N}),
 * half through the SDK's {@code IotShadowV2Client.updateShadow} as the agent does ({@code sdk-echo-car-N}), which
 * separates the SDK's request-response cost from the agent's own.
 *
 * <pre>
 * FleetRoundTripBench &lt;vehicles&gt; &lt;rate/s&gt; &lt;seconds&gt; &lt;echo devices&gt; [warm-up seconds]
 * -Dbench.http=http://127.0.0.1:8080 -Dbench.mqtt=localhost:8883 -Dbench.certsDir=certs/generated
 * -Dbench.prefix=sim-car-
 * </pre>
 */
public final class FleetRoundTripBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final String ECHO_PREFIX = "echo-car-";
    private static final String SDK_ECHO_PREFIX = "sdk-echo-car-";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String httpBase = System.getProperty("bench.http", "http://127.0.0.1:8080");
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, String> current = new ConcurrentHashMap<>();
    private final Recorder agentTotal = new Recorder(3);
    private final Recorder agentService = new Recorder(3);
    private final Recorder agentOnly = new Recorder(3);
    private final Recorder echoTotal = new Recorder(3);
    private final Recorder echoOnly = new Recorder(3);
    private final Recorder sdkEchoTotal = new Recorder(3);
    private final Recorder sdkEchoOnly = new Recorder(3);
    private final AtomicLong httpErrors = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong completedAgent = new AtomicLong();
    private final AtomicLong completedEcho = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int vehicles = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int echoes = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        new FleetRoundTripBench().run(vehicles, rate, seconds, echoes, warmup);
        System.exit(0);
    }

    private void run(int vehicles, int rate, int seconds, int echoCount, int warmup) throws Exception {
        String prefix = System.getProperty("bench.prefix", "sim-car-");
        String[] mqtt = System.getProperty("bench.mqtt", "localhost:8883").split(":");
        Path certsDir = Path.of(System.getProperty("bench.certsDir", "certs/generated")).toAbsolutePath();
        Path ca = certsDir.resolve("ca.pem");
        ThingCertificates certificates = ThingCertificates.open(certsDir);
        List<String> agents = new ArrayList<>();
        for (int i = 1; i <= vehicles; i++) {
            agents.add(prefix + i);
        }
        List<String> echoes = new ArrayList<>();
        List<AwsDeviceClient> clients = new ArrayList<>();
        List<IotShadowV2Client> shadowClients = new ArrayList<>();
        try (AwsDeviceClient observer = AwsDeviceClient.start(mqtt[0], Integer.parseInt(mqtt[1]), ca,
                CertificateAndKey.inFolder(certsDir.resolve("service")), "fleet-service-bench")) {
            observer.awaitConnected();
            observer.subscribe("$aws/things/+/shadow/update/documents");
            MessagePump.start(observer, "observer", this::onDocument);
            for (int i = 1; i <= echoCount; i++) {
                boolean sdk = i % 2 == 0;
                String thing = (sdk ? SDK_ECHO_PREFIX : ECHO_PREFIX) + i;
                echoes.add(thing);
                ThingCertificates.Identity id = certificates.forThing(thing);
                AwsDeviceClient device = AwsDeviceClient.start(mqtt[0], Integer.parseInt(mqtt[1]), ca,
                        new CertificateAndKey(id.certificate(), id.privateKey()), thing);
                IotShadowV2Client shadow = !sdk ? null : IotShadowV2Client.newFromMqtt5(device.mqtt5Client(),
                        MqttRequestResponseClientOptions.builder().withMaxRequestResponseSubscriptions(4)
                                .withMaxStreamingSubscriptions(2).withOperationTimeoutSeconds(10).build());
                if (shadow != null) {
                    shadowClients.add(shadow);
                }
                clients.add(device);
                // The SDK client's update/accepted|rejected arrive on the same connection: answer deltas only, or
                // every accepted document would be echoed back as a new report, without end.
                MessagePump.start(device, thing, (topic, payload) -> {
                    if (topic.endsWith("/update/delta")) {
                        echo(device, shadow, thing, payload);
                    }
                });
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).awaitConnected();
                clients.get(i).subscribe("$aws/things/" + echoes.get(i) + "/shadow/update/delta");
            }
            readCurrent(agents);
            readCurrent(echoes);
            System.out.printf("%s, %d cores, Java %s, load average %s%n", Instant.now(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), loadAverage());
            System.out.printf("warm-up %d s at %d/s ...%n", warmup, rate);
            drive(agents, echoes, rate, warmup);
            reset();
            System.out.printf("measuring %d s at %d/s over %d vehicles (every 5th request to one of %d echo devices, "
                    + "half of them through the SDK's shadow client)"
                    + "%n", seconds, rate, vehicles, echoCount);
            long sent = drive(agents, echoes, rate, seconds);
            System.out.printf("load average after: %s%n", loadAverage());
            System.out.printf("requests %d, completed: agents %d, echo %d; lost (no report within 10 s) %d, "
                    + "HTTP errors %d%n%n", sent, completedAgent.get(), completedEcho.get(), lost.get(),
                    httpErrors.get());
            System.out.println("| path | samples | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            row("agent: HTTP desired write -> reported document", agentTotal);
            row("  of which HTTP write -> desired document (service)", agentService);
            row("  of which desired document -> reported document (agent)", agentOnly);
            row("echo device, plain MQTT publish: HTTP desired write -> reported document", echoTotal);
            row("  of which desired document -> reported document (echo)", echoOnly);
            row("echo device, SDK updateShadow: HTTP desired write -> reported document", sdkEchoTotal);
            row("  of which desired document -> reported document (SDK echo)", sdkEchoOnly);
        } finally {
            shadowClients.forEach(IotShadowV2Client::close);
            clients.forEach(AwsDeviceClient::close);
        }
    }

    /** Sends at {@code rate}/s for {@code seconds}, then waits for the stragglers; returns the requests sent. */
    private long drive(List<String> agents, List<String> echoes, int rate, int seconds) throws InterruptedException {
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long next = start;
        long sent = 0;
        int agentIndex = 0;
        int echoIndex = 0;
        for (long i = 0; next < end; i++, next += period) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean echo = !echoes.isEmpty() && i % 5 == 4;
            String thing = echo ? echoes.get(echoIndex++ % echoes.size()) : agents.get(agentIndex++ % agents.size());
            expireOld();
            if (pending.containsKey(thing)) {
                continue; // still busy with its previous request
            }
            sent++;
            send(thing);
        }
        long drainUntil = System.nanoTime() + TIMEOUT_NANOS;
        while (!pending.isEmpty() && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        expireOld();
        lost.addAndGet(pending.size());
        pending.clear();
        return sent;
    }

    private void send(String thing) {
        String value = "on".equals(current.get(thing)) ? "off" : "on";
        current.put(thing, value);
        Pending request = new Pending(value, System.nanoTime());
        pending.put(thing, request);
        http.sendAsync(HttpRequest.newBuilder(URI.create(httpBase + "/things/" + thing + "/shadow"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":{\"desired\":{\"headlights\":\""
                                + value + "\"}}}")).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        httpErrors.incrementAndGet();
                        pending.remove(thing, request);
                    }
                });
    }

    /** CRT event-loop thread: the documents of every shadow update in the fleet. */
    private void onDocument(String topic, byte[] payload) {
        long now = System.nanoTime();
        String thing = topic.split("/")[2];
        Pending request = pending.get(thing);
        if (request == null) {
            return;
        }
        JsonNode state;
        try {
            state = JSON.readTree(payload).path("current").path("state");
        } catch (IOException e) {
            return;
        }
        if (request.desiredAt == 0 && request.value.equals(state.path("desired").path("headlights").asText())) {
            request.desiredAt = now;
        }
        if (request.value.equals(state.path("reported").path("headlights").asText())
                && pending.remove(thing, request)) {
            boolean sdkEcho = thing.startsWith(SDK_ECHO_PREFIX);
            boolean echo = sdkEcho || thing.startsWith(ECHO_PREFIX);
            (sdkEcho ? sdkEchoTotal : echo ? echoTotal : agentTotal).recordValue(now - request.sentAt);
            (echo ? completedEcho : completedAgent).incrementAndGet();
            if (request.desiredAt != 0) {
                (sdkEcho ? sdkEchoOnly : echo ? echoOnly : agentOnly).recordValue(now - request.desiredAt);
                if (!echo) {
                    agentService.recordValue(request.desiredAt - request.sentAt);
                }
            }
        }
    }

    /** CRT event-loop thread of an echo device: answers a delta with the same state as reported. */
    private static void echo(AwsDeviceClient device, IotShadowV2Client shadow, String thing, byte[] delta) {
        try {
            JsonNode state = JSON.readTree(delta).path("state");
            if (shadow == null) {
                device.publish("$aws/things/" + thing + "/shadow/update", "{\"state\":{\"reported\":" + state
                        + "}}");
                return;
            }
            UpdateShadowRequest request = new UpdateShadowRequest();
            request.thingName = thing;
            request.state = new ShadowState();
            request.state.reported = JSON.convertValue(state, new TypeReference<HashMap<String, Object>>() { });
            shadow.updateShadow(request);
        } catch (IOException e) {
            // not a delta document: nothing to answer
        }
    }

    private void expireOld() {
        long now = System.nanoTime();
        pending.forEach((thing, request) -> {
            if (now - request.sentAt > TIMEOUT_NANOS && pending.remove(thing, request)) {
                lost.incrementAndGet();
            }
        });
    }

    private void reset() {
        for (Recorder recorder : List.of(agentTotal, agentService, agentOnly, echoTotal, echoOnly, sdkEchoTotal,
                sdkEchoOnly)) {
            recorder.getIntervalHistogram();
        }
        lost.set(0);
        httpErrors.set(0);
        completedAgent.set(0);
        completedEcho.set(0);
    }

    /** Each thing's reported headlights now, so every request changes it. */
    private void readCurrent(List<String> things) throws Exception {
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (String thing : things) {
            reads.add(http.sendAsync(HttpRequest.newBuilder(URI.create(httpBase + "/things/" + thing + "/shadow"))
                    .build(), HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                        String value = "off";
                        if (response.statusCode() == 200) {
                            try {
                                value = JSON.readTree(response.body()).at("/state/reported/headlights").asText("off");
                            } catch (IOException e) {
                                // keep "off"
                            }
                        }
                        current.put(thing, value);
                    }));
            if (reads.size() >= 50) {
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                reads.clear();
            }
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static void row(String name, Recorder recorder) {
        Histogram h = recorder.getIntervalHistogram();
        System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static final class Pending {
        final String value;
        final long sentAt;
        volatile long desiredAt;

        Pending(String value, long sentAt) {
            this.value = value;
            this.sentAt = sentAt;
        }
    }
}
