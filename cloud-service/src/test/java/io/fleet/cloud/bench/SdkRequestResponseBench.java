package io.fleet.cloud.bench;

import io.fleet.cloud.CloudService;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.broker.DevCertificates;
import io.fleet.cloud.broker.MosquittoProcess;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.MqttConfig;
import io.fleet.cloud.config.TestConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.ShadowState;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowRequest;

/**
 * Where a device SDK request-response call's time goes (not a test; scripts/bench-sdk-rr.sh, BENCHMARKS.md): one
 * device updates its shadow N times in a row, once through the SDK's {@link IotShadowV2Client} (subscribe to
 * accepted/rejected, publish, wait, unsubscribe, as the SDK does per request) and once as a plain MQTT publish to
 * {@code update} with a standing subscription to {@code update/accepted} (the ceiling), on the embedded broker and,
 * for comparison, with the service on a stock Mosquitto. On the embedded broker also the variants that tell where
 * aws-crt 0.50.0's 200 ms wait does not depend on: the MQTT 3.1.1 client, a request whose accepted/rejected
 * subscriptions already stand (a first request still holds them), and {@link IotJobsV2Client}. The aws-crt version
 * is whatever the class path holds.
 */

public final class SdkRequestResponseBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Long enough for the first request's SUBACKs on loopback, shorter than the 200 ms it then waits to publish. */
    private static final long HOLD_MS = 100;

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path root = Files.createTempDirectory("fleet-bench-rr");
        DevCertificates certs = DevCertificates.create(root.resolve("certs"));
        Path crtJar = Path.of(CRT.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        System.out.printf(Locale.ROOT, "%s, %d sequential requests per row, %d cores, load %s%n",
                crtJar.getFileName(), requests, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| broker | path | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        CloudConfig base = CloudConfig.defaults().withCertsDir(certs.dir())
                .withMqtt(TestConfig.embeddedBrokerOnAnyPort()) // 8883 may be another service's
                .withHttp(HttpConfig.loopback(0))
                .withS3(TestConfig.embeddedS3OnAnyPort());
        try (CloudService cloud = CloudService.start(base.withDataDir(root.resolve("embedded")))) {
            measure("embedded", cloud.mqttEndpoint().host(), cloud.mqttEndpoint().port(), certs, requests);
            variants("embedded", cloud.mqttEndpoint().host(), cloud.mqttEndpoint().port(), certs, requests);
        }
        if (MosquittoProcess.isInstalled()) {
            try (MosquittoProcess mosquitto = MosquittoProcess.start(Files.createDirectories(root.resolve("mq")),
                    certs);
                 CloudService cloud = CloudService.start(base.withDataDir(root.resolve("mosquitto"))
                         .withMqtt(MqttConfig.externalBroker("localhost", mosquitto.port())
                                 .withSharedGroup("")))) {
                measure("Mosquitto", "localhost", mosquitto.port(), certs, requests);
            }
        }
        System.exit(0);
    }

    private static void measure(String broker, String host, int port, DevCertificates certs, int requests)
            throws Exception {
        String thing = "rr-bench-" + broker.toLowerCase(Locale.ROOT);
        try (AwsDeviceClient device = AwsDeviceClient.start(host, port, certs.caCertificate(), certs.thing(thing),
                thing)) {
            device.awaitConnected();
            report(broker, "SDK IotShadowV2Client.updateShadow", sdk(device, thing, requests));
            report(broker, "plain publish -> update/accepted", plain(device, thing, requests));
        }
    }

    private static long[] sdk(AwsDeviceClient device, String thing, int requests) throws Exception {
        try (IotShadowV2Client shadows = IotShadowV2Client.newFromMqtt5(device.mqtt5Client(), rrOptions())) {
            return timed(requests, i -> shadows.updateShadow(update(thing, i)));
        }
    }

    /** The MQTT 3.1.1 client, a request whose subscriptions stand already, and the Jobs client, a device each. */
    private static void variants(String broker, String host, int port, DevCertificates certs, int requests)
            throws Exception {
        String thing311 = "rr-bench-311";
        MqttClientConnection connection = connect311(host, port, certs, thing311);
        try (IotShadowV2Client shadows = IotShadowV2Client.newFromMqtt311(connection, rrOptions())) {
            report(broker, "SDK updateShadow over the MQTT 3.1.1 client",
                    timed(requests, i -> shadows.updateShadow(update(thing311, i))));
        } finally {
            connection.disconnect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            connection.close();
        }
        String thing = "rr-bench-held";
        try (AwsDeviceClient device = AwsDeviceClient.start(host, port, certs.caCertificate(), certs.thing(thing),
                thing); IotShadowV2Client shadows = IotShadowV2Client.newFromMqtt5(device.mqtt5Client(),
                        rrOptions()); IotJobsV2Client jobs = IotJobsV2Client.newFromMqtt5(device.mqtt5Client(),
                                rrOptions())) {
            device.awaitConnected();
            report(broker, "SDK updateShadow, accepted/rejected already subscribed", held(shadows, thing, requests));
            report(broker, "SDK IotJobsV2Client.getPendingJobExecutions", timed(requests, i -> {
                GetPendingJobExecutionsRequest request = new GetPendingJobExecutionsRequest();
                request.thingName = thing;
                return jobs.getPendingJobExecutions(request);
            }));
        }
    }

    /** Times {@code call} for requests 0..n-1 after 5 unmeasured ones, one at a time, in microseconds. */
    private static long[] timed(int requests, IntFunction<CompletableFuture<?>> call) throws Exception {
        long[] micros = new long[requests];
        for (int i = -5; i < requests; i++) {
            long start = System.nanoTime();
            CompletableFuture<?> answer = call.apply(i);
            answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        return micros;
    }

    /**
     * Each measured request goes out while a first one, sent HOLD_MS before, still holds accepted/rejected (it has
     * its SUBACKs and waits to publish), so the measured one needs no subscribe of its own.
     */
    private static long[] held(IotShadowV2Client shadows, String thing, int requests) throws Exception {
        long[] micros = new long[requests];
        for (int i = -5; i < requests; i++) {
            CompletableFuture<?> first = shadows.updateShadow(update(thing, -100 - i));
            Thread.sleep(HOLD_MS);
            long start = System.nanoTime();
            shadows.updateShadow(update(thing, i)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1000;
            }
            first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        return micros;
    }

    private static UpdateShadowRequest update(String thing, int n) {
        UpdateShadowRequest request = new UpdateShadowRequest();
        request.thingName = thing;
        request.state = new ShadowState();
        request.state.reported = new HashMap<>(Map.of("n", n));
        return request;
    }

    private static MqttRequestResponseClientOptions rrOptions() {
        return MqttRequestResponseClientOptions.builder().withMaxRequestResponseSubscriptions(4)
                .withMaxStreamingSubscriptions(4).withOperationTimeoutSeconds(10).build();
    }

    private static MqttClientConnection connect311(String host, int port, DevCertificates certs, String thing)
            throws Exception {
        try (SocketOptions socket = new SocketOptions();
             AwsIotMqttConnectionBuilder builder = AwsIotMqttConnectionBuilder.newMtlsBuilderFromPath(
                     certs.thing(thing).certificate().toString(), certs.thing(thing).privateKey().toString())) {
            socket.tcpNoDelay = SocketOptions.TcpNoDelay.ON; // as AwsDeviceClient's MQTT 5 client
            MqttClientConnection connection = builder.withCertificateAuthorityFromPath(null,
                    certs.caCertificate().toString()).withEndpoint(host).withPort(port).withClientId(thing)
                    .withCleanSession(true).withSocketOptions(socket).build();
            connection.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return connection;
        }
    }

    private static long[] plain(AwsDeviceClient device, String thing, int requests) throws Exception {
        long[] micros = new long[requests];
        String topic = "$aws/things/" + thing + "/shadow/update";
        device.subscribe(topic + "/accepted");
        for (int i = -5; i < requests; i++) {
            String token = "p" + i;
            long start = System.nanoTime();
            device.publish(topic, "{\"state\":{\"reported\":{\"n\":" + i + "}},\"clientToken\":\"" + token + "\"}");
            PublishPacket answer;
            do {
                answer = device.nextMessage(TIMEOUT);
                if (answer == null) {
                    throw new IllegalStateException("no update/accepted within " + TIMEOUT + " for " + token);
                }
            } while (!new String(answer.getPayload(), StandardCharsets.UTF_8).contains(token));
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        return micros;
    }

    private static void report(String broker, String path, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f |%n", broker, path,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1000.0);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }
}
