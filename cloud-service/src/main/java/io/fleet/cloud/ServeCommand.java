package io.fleet.cloud;

import io.fleet.cloud.config.AlexaConfig;
import io.fleet.cloud.config.AppConfig;
import io.fleet.cloud.config.CampaignsConfig;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.MqttConfig;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.users.User;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs the cloud service until interrupted. Settings come from the YAML file, then the flags;
 * anything left unset takes the embedded default (embedded broker on 127.0.0.1:8883, embedded PostgreSQL in
 * ./data, HTTP on 127.0.0.1:8080).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the cloud service (embedded broker and PostgreSQL unless configured otherwise).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", description = "YAML configuration file")
    private Path configFile;

    @Option(names = "--data-dir", description = "data directory (default ./data)")
    private Path dataDir;

    @Option(names = "--certs-dir", description = "certificates as written by certs/dev-ca.sh (default certs/generated)")
    private Path certsDir;

    @Option(names = "--mqtt-port", description = "embedded broker TLS port, or the external broker's (default 8883)")
    private Integer mqttPort;

    @Option(names = "--mqtt-external-host", description = "use the MQTT broker at this host instead of embedding one")
    private String mqttExternalHost;

    @Option(names = "--http-host", description = "HTTP listen address (default 127.0.0.1)")
    private String httpHost;

    @Option(names = "--http-port", description = "HTTP port (default 8080)")
    private Integer httpPort;

    @Option(names = "--http-sigv4-credentials", paramLabel = "FILE", description = "require AWS SigV4 signatures "
            + "on the HTTP shadow API, made with a key from this AWS credentials file (needed on a non-loopback "
            + "--http-host unless the config allows unsigned requests)")
    private Path httpSigv4Credentials;

    @Option(names = "--http-tls", description = "serve HTTPS (http.tls) with http.certFile/keyFile, by default "
            + "the dev CA's server certificate for localhost (certsDir/broker)")
    private boolean httpTls;

    @Option(names = "--jdbc-url", description = "PostgreSQL JDBC URL (default: embedded PostgreSQL in the data dir)")
    private String jdbcUrl;

    @Option(names = "--db-user", description = "PostgreSQL user")
    private String dbUser;

    @Option(names = "--db-password", description = "PostgreSQL password (prefer the config file or FLEET_DB_PASSWORD)",
            defaultValue = "${env:FLEET_DB_PASSWORD}")
    private String dbPassword;

    @Option(names = "--db-unsafe-fast-commits", description = "embedded PostgreSQL with fsync and synchronous "
            + "commit off: faster, but a machine crash loses acknowledged updates (database.unsafeFastCommits)")
    private boolean unsafeFastCommits;

    @Option(names = "--s3-port", description = "embedded S3 endpoint's port (default 9000; 0 = any free port)")
    private Integer s3Port;

    @Option(names = "--campaigns-lease-seconds", paramLabel = "SECONDS", description = "a leased run whose rig "
            + "sends no heartbeat for this long is taken back and queued again (campaigns.leaseSeconds; default 60)")
    private Integer campaignsLeaseSeconds;

    @Option(names = "--campaigns-dispatch-interval-millis", paramLabel = "MILLIS", description = "the campaign "
            + "dispatcher's timed pass, beside its wake-ups (campaigns.dispatchIntervalMillis; default 1000)")
    private Integer campaignsDispatchIntervalMillis;

    static final String DEMO_USER = "demo";
    static final String DEMO_CAR = "demo-car-1";
    /** The rigs `./fleet demo` starts; registered here with their capabilities so campaigns can use them at once. */
    static final List<String> DEMO_RIGS = List.of("rig-1", "rig-2");

    @Option(names = "--alexa-application-id",
            description = "the Alexa skill's id (amzn1.ask.skill...); POST /alexa refuses other skills' requests")
    private String alexaApplicationId;

    @Option(names = "--no-alexa-verify",
            description = "accept unsigned Alexa requests on POST /alexa (local tries only; --demo implies it)")
    private boolean noAlexaVerify;

    @Option(names = "--app-map-tiles", paramLabel = "TEMPLATE", description = "map tile URL template for the owner "
            + "app, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (app.mapTiles; default: no map, coordinates)")
    private String appMapTiles;

    @Option(names = "--demo", description = "print the demo's addresses and first steps once running")
    private boolean demo;

    @Override
    public Integer call() throws Exception {
        CloudConfig config = effectiveConfig();
        CloudService service = CloudService.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: finishing in-flight shadow requests");
            service.close();
            stopped.countDown();
        }, "shutdown"));
        String demoToken = demo ? service.users().ensureUser(DEMO_USER, User.Role.OWNER, List.of(DEMO_CAR),
                service.tokenFiles(), service.users().defaultTokenTtl()) : null;
        if (demo) {
            for (String rig : DEMO_RIGS) {
                service.registry().createThing(rig, null, Map.of("capabilities", "can,canfd"), null).join();
            }
        }
        printWelcome(spec.commandLine().getOut(), config, service, demoToken);
        stopped.await();
        return 0;
    }

    CloudConfig effectiveConfig() throws IOException {
        CloudConfig config = configFile != null ? CloudConfig.load(configFile) : CloudConfig.defaults();
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (certsDir != null) {
            config = config.withCertsDir(certsDir);
        }
        MqttConfig m = config.mqtt();
        config = config.withMqtt(new MqttConfig(mqttExternalHost != null || m.external(),
                mqttExternalHost != null ? mqttExternalHost : m.host(), mqttPort != null ? mqttPort : m.port(),
                m.caFile(), m.certFile(), m.keyFile(), m.sharedGroup(), m.brokerPersistence(),
                mqttExternalHost != null ? ShadowFrontend.CLIENT : m.shadowFrontend()));
        HttpConfig h = config.http();
        config = config.withHttp(new HttpConfig(httpHost != null ? httpHost : h.host(),
                httpPort != null ? httpPort : h.port(),
                httpSigv4Credentials != null ? httpSigv4Credentials : h.sigv4Credentials(), h.allowUnsigned(),
                httpTls || h.tls(), h.certFile(), h.keyFile()));
        DatabaseConfig d = config.database();
        config = config.withDatabase(new DatabaseConfig(jdbcUrl != null ? jdbcUrl : d.jdbcUrl(),
                dbUser != null ? dbUser : d.user(), dbPassword != null ? dbPassword : d.password(), d.poolSize(),
                unsafeFastCommits || d.unsafeFastCommits()));
        AlexaConfig a = config.alexa();
        config = config.withAlexa(new AlexaConfig(a.verify() && !noAlexaVerify && !demo,
                alexaApplicationId != null ? alexaApplicationId : a.applicationId()));
        if (appMapTiles != null) {
            config = config.withApp(new AppConfig(appMapTiles));
        }
        CampaignsConfig c = config.campaigns();
        config = config.withCampaigns(new CampaignsConfig(
                campaignsLeaseSeconds != null ? Duration.ofSeconds(campaignsLeaseSeconds) : c.lease(),
                campaignsDispatchIntervalMillis != null ? Duration.ofMillis(campaignsDispatchIntervalMillis)
                        : c.dispatchInterval()));
        if (s3Port != null) {
            config = config.withS3(config.s3().withPort(s3Port));
        }
        return config;
    }

    private void printWelcome(PrintWriter out, CloudConfig config, CloudService service, String demoToken) {
        String http = "http://" + config.http().host() + ":" + service.httpPort();
        var mqtt = service.mqttEndpoint();
        out.println();
        out.println("fleet cloud service is running" + (demo ? " (demo, embedded defaults)" : ""));
        out.println("  MQTT (mTLS, AWS IoT shadow topics): " + mqtt.host() + ":" + mqtt.port()
                + (config.mqtt().external() ? " (external broker)" : " (embedded HiveMQ CE)"));
        out.println("  HTTP shadow API (AWS IoT data plane): " + http + "/things/<thing>/shadow");
        out.println("  health: " + http + "/health   metrics: " + http + "/metrics");
        out.println("  data: " + config.dataDir().toAbsolutePath() + "   certificates: "
                + config.certsDir().toAbsolutePath());
        service.driveLogBucket().embedded().ifPresent(s3 -> out.println("  S3 (drive logs, bucket "
                + config.s3().bucket() + ", region " + config.s3().region() + "): " + s3.endpoint()
                + "   credentials: " + s3.credentialsFile().toAbsolutePath()));
        out.println("  app API: " + http + "/api/ (OpenAPI: " + http + "/api/openapi.yaml)   admin token: "
                + service.tokenFiles().file(CloudService.ADMIN));
        if (demo) {
            out.println();
            out.println("Ops console: " + http + "/   log in as " + DEMO_USER + " with the token");
            out.println("  " + demoToken);
            out.println("  (saved in " + service.tokenFiles().file(DEMO_USER) + ")");
            out.println();
            out.println("Try it:");
            out.println("  ./fleet user pin " + DEMO_USER
                    + "   # the PIN that unlocking and opening ask for (owner app, console, Alexa)");
            out.println("  curl -s -X POST -H 'Authorization: Bearer " + demoToken + "' " + http
                    + "/api/vehicles/" + DEMO_CAR + "/commands -d '{\"attribute\":\"trunk\",\"value\":\"open\","
                    + "\"pin\":\"<your PIN>\"}'");
            out.println("  ./fleet user add alice --vehicle " + DEMO_CAR + "   # another user and token");
            out.println("  ./fleet alexa \"open my trunk\" --user " + DEMO_USER
                    + "   # the Alexa skill (request verification is off in the demo)");
            out.println("  curl -s -X POST " + http + "/things/demo-car-1/shadow -d '{\"state\":{\"desired\":"
                    + "{\"trunk\":\"open\"}}}'");
            out.println("  curl -s " + http + "/things/demo-car-1/shadow");
            out.println("  certs/new-thing.sh my-car    # a device certificate for the MQTT listener");
            service.driveLogBucket().embedded().ifPresent(s3 -> out.println("  AWS_SHARED_CREDENTIALS_FILE="
                    + s3.credentialsFile().toAbsolutePath() + " aws s3 cp drive.mf4 s3://" + config.s3().bucket()
                    + "/raw/" + DEMO_CAR + "/ --endpoint-url " + s3.endpoint() + "   # a drive log to ingest"));
            out.println("  AWS CLI: aws iot-data get-thing-shadow --endpoint-url " + http
                    + " --thing-name demo-car-1 /dev/stdout");
        }
        out.println();
        out.println("Stop with Ctrl-C (in-flight updates are finished first).");
        out.flush();
    }
}
