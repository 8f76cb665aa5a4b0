package io.fleet.cloud;

import io.fleet.cloud.broker.BrokerSettings;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.cloud.broker.MqttBroker;
import io.fleet.cloud.broker.MqttEndpoint;
import io.fleet.cloud.broker.ServiceMqttConnector;
import io.fleet.cloud.broker.TopicPolicy;
import io.fleet.cloud.alexa.AlexaHttpEndpoint;
import io.fleet.cloud.alexa.AlexaSettings;
import io.fleet.cloud.alexa.GenieSkill;
import io.fleet.cloud.api.AppApiRoutes;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.console.ConsoleRoutes;
import io.fleet.cloud.users.TokenFiles;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserStore;
import io.fleet.cloud.vehicles.AwsIotShadowBackend;
import io.fleet.cloud.vehicles.LocalShadowBackend;
import io.fleet.cloud.vehicles.ShadowBackend;
import io.fleet.cloud.vehicles.VehicleFeature;
import io.fleet.cloud.vehicles.Vehicles;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.http.HealthReport;
import io.fleet.cloud.http.HttpApiServer;
import io.fleet.cloud.mqtt.MqttShadowFrontend;
import io.fleet.cloud.mqtt.PahoShadowPublisher;
import io.fleet.cloud.shadow.ShadowCommitLanes;
import io.fleet.cloud.shadow.ShadowRepository;
import io.fleet.cloud.shadow.ShadowService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClientBuilder;

/**
 * The running cloud service: PostgreSQL, the MQTT broker (embedded or external), the shadow service on its
 * shared subscriptions, and the HTTP API. {@link #close()} shuts down gracefully: it stops taking requests,
 * finishes and answers every request already accepted, then stops the components in reverse order.
 */
public final class CloudService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudService.class);

    private final List<AutoCloseable> started = new ArrayList<>();
    private MqttBroker broker;
    private MqttAsyncClient mqtt;
    private ShadowCommitLanes lanes;
    private PahoShadowPublisher publisher;
    private HttpApiServer http;
    private Database database;
    private ExecutorService blockingReads;
    private String shareGroup;
    private PrometheusMeterRegistry metrics;
    private UserStore users;
    private TokenFiles tokenFiles;
    private VehicleFeature vehicles;
    private AlexaHttpEndpoint alexa;
    private ShadowService shadows;

    /** The administrator created on first start; its token is in {@code <dataDir>/users/admin.token}. */
    public static final String ADMIN = "admin";

    private CloudService() {
    }

    public static CloudService start(CloudConfig config) throws Exception {
        CloudService service = new CloudService();
        try {
            service.startComponents(config);
            return service;
        } catch (Exception e) {
            service.close();
            throw e;
        }
    }

    private void startComponents(CloudConfig config) throws Exception {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);

        database = Database.start(config.database(), config.dataDir());
        started.add(database);

        broker = MqttBroker.open(brokerSettings(config));
        started.add(broker);

        ShadowRepository repository = new ShadowRepository(database.dataSource());
        CloudConfig.Shadow tuning = config.shadow();
        lanes = new ShadowCommitLanes(repository, tuning.commitLanes(), tuning.maxBatch(), tuning.queueLimit(),
                Thread::new);
        blockingReads = Executors.newFixedThreadPool(2, r -> new Thread(r, "shadow-reads"));
        publisher = new PahoShadowPublisher();
        shadows = new ShadowService(lanes, repository, publisher, Clock.systemUTC(), blockingReads,
                metrics);
        Gauge.builder("fleet.shadow.publish.queued", publisher, PahoShadowPublisher::queuedCount).register(metrics);
        Gauge.builder("fleet.shadow.publish.failed", publisher, PahoShadowPublisher::failedCount).register(metrics);

        MqttShadowFrontend frontend = new MqttShadowFrontend(shadows);
        FrontendCallback callback = new FrontendCallback(frontend, publisher);
        shareGroup = config.mqtt().sharedGroup();
        MqttEndpoint endpoint = broker.serviceEndpoint();
        // On the embedded broker every instance gets its own client id <CN>-<random> with the same certificate.
        String instanceSuffix = config.mqtt().external() ? null
                : java.util.UUID.randomUUID().toString().substring(0, 8);
        mqtt = new ServiceMqttConnector(endpoint, Duration.ofSeconds(10), instanceSuffix)
                .connect(callback, MqttShadowFrontend.subscriptions(shareGroup))
                .get(60, TimeUnit.SECONDS);
        publisher.attach(mqtt);

        users = new UserStore(database.dataSource(), blockingReads, Clock.systemUTC());
        tokenFiles = new TokenFiles(config.dataDir());
        users.ensureUser(ADMIN, User.Role.ADMIN, List.of(), tokenFiles);
        ShadowBackend backend = shadowBackend(config, shadows);
        vehicles = VehicleFeature.start(database.dataSource(), backend, endpoint, Clock.systemUTC(),
                Duration.ofSeconds(config.vehicles().commandTimeoutSeconds()));
        started.add(vehicles);
        AppApiRoutes api = new AppApiRoutes(vehicles.vehicles(), users);
        alexa = new AlexaHttpEndpoint(new GenieSkill(users, vehicles.vehicles()),
                new AlexaSettings(config.alexa().verify(), config.alexa().applicationId()));
        http = HttpApiServer.start(config.http().host(), config.http().port(), shadows, metrics, this::health,
                List.of(api::mount, new ConsoleRoutes()::mount, alexa::mount));
    }

    private ShadowBackend shadowBackend(CloudConfig config, ShadowService shadows) {
        CloudConfig.Vehicles settings = config.vehicles();
        if (settings.shadowBackend().equals("local")) {
            return new LocalShadowBackend(shadows);
        }
        IotDataPlaneClientBuilder builder = IotDataPlaneClient.builder()
                .httpClient(UrlConnectionHttpClient.create());
        if (settings.awsEndpoint() != null) {
            builder.endpointOverride(java.net.URI.create(settings.awsEndpoint()));
        }
        if (settings.awsRegion() != null) {
            builder.region(Region.of(settings.awsRegion()));
        }
        AwsIotShadowBackend aws = new AwsIotShadowBackend(builder.build(), blockingReads);
        started.add(aws);
        LOG.info("vehicle shadows in AWS IoT Core{}", settings.awsEndpoint() == null ? ""
                : " at " + settings.awsEndpoint());
        return aws;
    }

    /** The Device Shadow service (in-process callers, e.g. tests). */
    public ShadowService shadowService() {
        return shadows;
    }

    /** Users of the app API, console and Alexa. */
    public UserStore users() {
        return users;
    }

    public TokenFiles tokenFiles() {
        return tokenFiles;
    }

    /** Vehicles and commands as the app API, console and Alexa use them. */
    public Vehicles vehicles() {
        return vehicles.vehicles();
    }

    private static BrokerSettings brokerSettings(CloudConfig config) {
        CertificateAndKey serviceCert = new CertificateAndKey(config.serviceCertFile(), config.serviceKeyFile());
        CloudConfig.Mqtt mqtt = config.mqtt();
        if (mqtt.external()) {
            return new BrokerSettings.External(mqtt.host(), mqtt.port(), config.caFile(), serviceCert);
        }
        return new BrokerSettings.Embedded(mqtt.port(), config.dataDir(), config.caFile(),
                CertificateAndKey.inFolder(config.certsDir().resolve("broker")), serviceCert,
                Set.of(TopicPolicy.DEFAULT_SERVICE_CN), mqtt.brokerPersistence().equals("file"));
    }

    public HealthReport health() {
        Map<String, Boolean> components = new LinkedHashMap<>();
        components.put("database", database != null && isDatabaseUp());
        components.put("mqtt", mqtt != null && mqtt.isConnected());
        return new HealthReport(components);
    }

    private boolean isDatabaseUp() {
        try (var c = database.dataSource().getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    public int httpPort() {
        return http.port();
    }

    public MqttEndpoint mqttEndpoint() {
        return broker.serviceEndpoint();
    }

    /** The JDBC URL of the service's PostgreSQL (the embedded one's, when embedded). */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (mqtt != null) {
            try {
                // Stop taking new MQTT requests first; requests already queued are still answered below.
                mqtt.unsubscribe(MqttShadowFrontend.subscriptionFilters(shareGroup)).waitForCompletion(5_000);
            } catch (MqttException e) {
                LOG.warn("could not unsubscribe shadow requests: {}", e.toString());
            }
        }
        if (lanes != null) {
            try {
                lanes.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (publisher != null) {
            publisher.awaitDrained(Duration.ofSeconds(10));
        }
        if (mqtt != null) {
            try {
                mqtt.disconnect().waitForCompletion(5_000);
                mqtt.close();
            } catch (MqttException e) {
                LOG.warn("MQTT client did not close cleanly: {}", e.toString());
            }
        }
        closeQuietly(http);
        closeQuietly(alexa);
        if (blockingReads != null) {
            blockingReads.shutdown();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("{} did not close cleanly: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    /** Paho callback thread: requests go to the frontend; a reconnect lets queued answers flow again. */
    private static final class FrontendCallback implements MqttCallback {
        private final MqttShadowFrontend frontend;
        private final PahoShadowPublisher publisher;

        FrontendCallback(MqttShadowFrontend frontend, PahoShadowPublisher publisher) {
            this.frontend = frontend;
            this.publisher = publisher;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            frontend.onMessage(topic, message.getPayload());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                publisher.resume();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("shadow service lost its MQTT connection: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements are handled per publish by the publisher
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
