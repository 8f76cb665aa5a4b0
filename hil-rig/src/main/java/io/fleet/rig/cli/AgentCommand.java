package io.fleet.rig.cli;

import io.fleet.rig.agent.ReplayJob;
import io.fleet.rig.agent.RigAgent;
import io.fleet.rig.agent.RigHealth;
import io.fleet.rig.agent.RigShadow;
import io.fleet.rig.dut.DutSimulator;
import io.fleet.rig.output.OutputSpec;
import io.fleet.rig.source.S3Clients;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code hil-rig agent}: takes replay jobs from AWS IoT Jobs (or the platform's cloud service) until stopped. */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run replay jobs from AWS IoT Jobs over MQTT (mTLS): the next job on start and on every "
                + "notify-next; results go to s3://<bucket of the drive log>/results/<jobId>/.")
final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--thing", required = true, description = "the rig's thing name (also the MQTT client id)")
    String thing;

    @Option(names = "--endpoint", required = true, description = "MQTT broker host")
    String endpoint;

    @Option(names = "--port", defaultValue = "8883", description = "MQTT port, default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--cert", required = true, description = "the thing's certificate (PEM)")
    Path cert;

    @Option(names = "--key", required = true, description = "the thing's private key (PEM)")
    Path key;

    @Option(names = "--ca", required = true, description = "the broker's CA certificate (PEM)")
    Path ca;

    @Option(names = "--capabilities", split = ",", defaultValue = "can",
            description = "what this rig offers, e.g. can,canfd; jobs needing more are REJECTED (default can)")
    List<String> capabilities = new ArrayList<>();

    @Option(names = "--output", paramLabel = "NAME=URI", description = "an output of this rig, repeatable, as "
            + "replay --out: the health check (on start and after a failed job) opens each before the rig takes work; "
            + "a job names it as rig://NAME")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--dut-probe", paramLabel = "ID#DATA", description = "the health check also sends this frame on "
            + "the first --output and needs an answer from the DUT, e.g. 7E0#0210030000000000")
    String dutProbe;

    @Option(names = "--dut-probe-timeout-ms", defaultValue = "1000",
            description = "how long the DUT has to answer --dut-probe, default ${DEFAULT-VALUE}")
    long dutProbeTimeoutMs;

    @Option(names = "--health-interval", defaultValue = "30", paramLabel = "SECONDS",
            description = "an unhealthy rig checks again after this many seconds, default ${DEFAULT-VALUE}")
    int healthIntervalSeconds;

    @Option(names = "--dut-simulator", paramLabel = "PORT", description = "also run a simulated DUT on "
            + "127.0.0.1:PORT over cannelloni: it answers 0x7E0-0x7E7 with id + 8 echoing the data (demo, tests)")
    Integer dutSimulatorPort;

    @Option(names = "--work-dir", defaultValue = "${java.io.tmpdir}/fleet-rig-agent",
            description = "where reports are written before the upload")
    Path workDir;

    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() throws Exception {
        if (healthIntervalSeconds < 1) {
            throw new IllegalArgumentException("--health-interval must be at least 1 second, not "
                    + healthIntervalSeconds);
        }
        // before connecting: a bad probe is a usage error
        RigHealth health = new RigHealth(outputs, dutProbe == null ? null : RigHealth.parseProbe(dutProbe),
                Duration.ofMillis(dutProbeTimeoutMs));
        for (Path file : List.of(cert, key, ca)) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
        }
        Set<String> offered = new LinkedHashSet<>();
        capabilities.forEach(capability -> offered.add(capability.trim().toLowerCase(Locale.ROOT)));
        DutSimulator dut = dutSimulatorPort == null ? null
                : DutSimulator.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), dutSimulatorPort));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        try (Mqtt5Client mqtt = connect(); S3Client s3 = S3Clients.create(inputs.endpoint, inputs.region,
                inputs.accessKey, inputs.secretKey);
             IotJobsV2Client jobs = IotJobsV2Client.newFromMqtt5(mqtt, MqttRequestResponseClientOptions.builder()
                     .withMaxRequestResponseSubscriptions(6).withMaxStreamingSubscriptions(2)
                     .withOperationTimeoutSeconds(30).build());
             RigAgent agent = new RigAgent(jobs, thing, offered,
                     new ReplayJob(s3Options(), s3, inputs.cacheDir, workDir, ownOutputs()), health,
                     new RigShadow(mqtt, thing, offered), Duration.ofSeconds(healthIntervalSeconds))) {
            mqtt.start();
            agent.start().get(60, TimeUnit.SECONDS);
            spec.commandLine().getErr()
                    .printf(Locale.ROOT, "rig agent %s: taking jobs (capabilities %s)%n", thing, offered);
            if (dut != null) {
                spec.commandLine().getErr().printf(Locale.ROOT, "DUT simulator on cannelloni://%s:%d%n",
                        dut.address().getHostString(), dut.address().getPort());
            }
            spec.commandLine().getErr().flush();
            stopped.await();
            mqtt.stop(null);
        } finally {
            if (dut != null) {
                dut.close();
            }
        }
        return 0;
    }

    private Mqtt5Client connect() {
        try (AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(
                endpoint, cert.toString(), key.toString())) {
            builder.withCertificateAuthorityFromPath(null, ca.toString()).withPort((long) port)
                    .withSessionBehavior(Mqtt5ClientOptions.ClientSessionBehavior.CLEAN)
                    .withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId(thing));
            return builder.build();
        }
    }

    /** The {@code --output}s by name (a bare URI is named A, B, ... by its place), for jobs that name rig://NAME. */
    private Map<String, String> ownOutputs() {
        Map<String, String> own = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            String text = outputs.get(i).trim();
            OutputSpec spec = OutputSpec.parse(text, String.valueOf((char) ('A' + i)));
            int scheme = text.indexOf("://");
            int eq = text.indexOf('=');
            own.put(spec.name(), eq > 0 && (scheme < 0 || eq < scheme) ? text.substring(eq + 1) : text);
        }
        return own;
    }

    /** The {@code --s3-*} options again, for the replay of each job. */
    private List<String> s3Options() {
        List<String> options = new ArrayList<>();
        if (inputs.endpoint != null) {
            options.addAll(List.of("--s3-endpoint", inputs.endpoint.toString()));
        }
        if (inputs.region != null) {
            options.addAll(List.of("--s3-region", inputs.region));
        }
        if (inputs.accessKey != null) {
            options.addAll(List.of("--s3-access-key", inputs.accessKey));
        }
        if (inputs.secretKey != null) {
            options.addAll(List.of("--s3-secret-key", inputs.secretKey));
        }
        return options;
    }
}
