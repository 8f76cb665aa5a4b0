package io.fleet.cloud;

import io.fleet.cloud.alexa.AlexaHttpEndpoint;
import io.fleet.cloud.alexa.AlexaSettings;
import io.fleet.cloud.alexa.GenieSkill;
import io.fleet.cloud.api.AppApiRoutes;
import io.fleet.cloud.api.CampaignRoutes;
import io.fleet.cloud.api.DriveLogRoutes;
import io.fleet.cloud.api.IngestAdminRoutes;
import io.fleet.cloud.api.QueryRoutes;
import io.fleet.cloud.api.ScenarioRoutes;
import io.fleet.cloud.api.VoicePinRoutes;
import io.fleet.cloud.broker.BrokerSettings;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.cloud.broker.EmbeddedBroker;
import io.fleet.cloud.broker.HiveMqShadowPublisher;
import io.fleet.cloud.broker.MqttBroker;
import io.fleet.cloud.broker.MqttEndpoint;
import io.fleet.cloud.broker.TopicPolicy;
import io.fleet.cloud.campaigns.Campaigns;
import io.fleet.cloud.campaigns.Dispatcher;
import io.fleet.cloud.campaigns.RigWakeups;
import io.fleet.cloud.campaigns.RunResults;
import io.fleet.cloud.config.BrokerPersistence;
import io.fleet.cloud.config.CampaignsConfig;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.MqttConfig;
import io.fleet.cloud.config.ShadowBackendKind;
import io.fleet.cloud.config.ShadowConfig;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.config.VehiclesConfig;
import io.fleet.cloud.console.ConsoleRoutes;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.http.HealthReport;
import io.fleet.cloud.http.HttpApiServer;
import io.fleet.cloud.http.SigV4Verifier;
import io.fleet.cloud.ingest.CatalogSql;
import io.fleet.cloud.ingest.DriveLogQueries;
import io.fleet.cloud.ingest.IngestQueue;
import io.fleet.cloud.ingest.IngestService;
import io.fleet.cloud.ingest.ParquetCache;
import io.fleet.cloud.ingest.ScenarioQueries;
import io.fleet.cloud.jobs.DeviceJobs;
import io.fleet.cloud.jobs.JobControlPlane;
import io.fleet.cloud.jobs.JobHttpRoutes;
import io.fleet.cloud.mqtt.ClientShadowTransport;
import io.fleet.cloud.mqtt.InBrokerShadowTransport;
import io.fleet.cloud.mqtt.MqttShadowFrontend;
import io.fleet.cloud.mqtt.ShadowTransport;
import io.fleet.cloud.ownerapp.OwnerAppRoutes;
import io.fleet.cloud.registry.RegistryHttpRoutes;
import io.fleet.cloud.registry.ResourceArns;
import io.fleet.cloud.registry.ThingRegistry;
import io.fleet.cloud.s3.DriveLogBucket;
import io.fleet.cloud.shadow.QueueingShadowPublisher;
import io.fleet.cloud.shadow.ShadowCommitLanes;
import io.fleet.cloud.shadow.ShadowPublisher;
import io.fleet.cloud.shadow.ShadowRepository;
import io.fleet.cloud.shadow.ShadowService;
import io.fleet.cloud.users.AuthFailureThrottle;
import io.fleet.cloud.users.TokenFiles;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserStore;
import io.fleet.cloud.users.VoicePinStore;
import io.fleet.cloud.vehicles.AwsIotShadowBackend;
import io.fleet.cloud.vehicles.LocalShadowBackend;
import io.fleet.cloud.vehicles.ShadowBackend;
import io.fleet.cloud.vehicles.VehicleFeature;
import io.fleet.cloud.vehicles.Vehicles;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    /** How often IN_PROGRESS executions are checked against their deadlines (AWS allows itself up to a minute). */
    private static final Duration JOB_TIMEOUT_SWEEP = Duration.ofSeconds(1);

    private final List<AutoCloseable> started = new ArrayList<>();
    private MqttBroker broker;
    private ShadowTransport transport;
    private ShadowCommitLanes lanes;
    private HttpApiServer http;
    private Database database;

    private ExecutorService blockingReads;
    private ExecutorService voicePinChecks;
    private ExecutorService controlPlaneWork;
    private ScheduledExecutorService sqlQueries;
    private PrometheusMeterRegistry metrics;
    private UserStore users;
    private TokenFiles tokenFiles;
    private VehicleFeature vehicles;
    private AlexaHttpEndpoint alexa;
    private ShadowService shadows;
    private DriveLogBucket driveLogs;
    private ThingRegistry registry;
    private JobControlPlane jobs;

    /** The administrator created on first start; its token is in {@code <dataDir>/users/admin.token}. */
    public static final String ADMIN = "admin";

    private CloudService() {
    }

    public static CloudService start(CloudConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /**
     * @param clock the service's time (shadow timestamps, command timeouts, token expiry, throttling); tests move
     *              it instead of sleeping
     */
    public static CloudService start(CloudConfig config, Clock clock) throws Exception {
        CloudService service = new CloudService();
        try {
            service.startComponents(config, clock);
            return service;
        } catch (Exception e) {
            service.close();
            throw e;
        }
    }

    private void startComponents(CloudConfig config, Clock clock) throws Exception {
        SigV4Verifier signatures = signatures(config.http()); // a misconfiguration fails before anything starts
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);

        database = Database.start(config.database(), config.dataDir());
        started.add(database);
        driveLogs = DriveLogBucket.open(config.s3(), config.dataDir());
        started.add(driveLogs);

        broker = MqttBroker.open(brokerSettings(config));
        started.add(broker);
        if (broker instanceof EmbeddedBroker embedded) {
            Gauge.builder("fleet.broker.messages.dropped", embedded, EmbeddedBroker::droppedMessages)
                    .description("messages the embedded broker dropped (full client queues, ...)").register(metrics);
        }

        ShadowRepository repository = new ShadowRepository(database.dataSource());
        ShadowConfig tuning = config.shadow();
        lanes = new ShadowCommitLanes(repository, tuning.commitLanes(), tuning.maxBatch(), tuning.queueLimit(),
                tuning.cachedShadows(), Thread::new);
        blockingReads = Executors.newFixedThreadPool(2, r -> new Thread(r, "shadow-reads"));
        MqttEndpoint endpoint = broker.serviceEndpoint();
        transport = shadowTransport(config.mqtt(), endpoint);
        shadows = new ShadowService(lanes, repository, transport.publisher(), clock, blockingReads,
                metrics);
        Gauge.builder("fleet.shadow.publish.queued", transport.publisher(), QueueingShadowPublisher::queuedCount)
                .register(metrics);
        Gauge.builder("fleet.shadow.publish.failed", transport.publisher(), QueueingShadowPublisher::failedCount)
                .register(metrics);
        transport.start(new MqttShadowFrontend(shadows));

        users = new UserStore(database.dataSource(), blockingReads, clock,
                config.users().tokenTtl());
        tokenFiles = new TokenFiles(config.dataDir());
        // never expires: the CLI acts with it, and it lives only in a file as private as the data dir itself
        users.ensureUser(ADMIN, User.Role.ADMIN, List.of(), tokenFiles, Duration.ZERO);
        AuthFailureThrottle throttle = new AuthFailureThrottle(config.users().authFailures(), clock);
        FunctionCounter.builder("fleet.auth.throttled", throttle, AuthFailureThrottle::refusals)
                .description("app API requests refused with 429 after too many failed authentications")
                .register(metrics);
        Gauge.builder("fleet.auth.cached.tokens", users, UserStore::cachedTokens)
                .description("live bearer tokens cached by this instance").register(metrics);
        ShadowBackend backend = shadowBackend(config, shadows);
        vehicles = VehicleFeature.start(database.dataSource(), backend, endpoint, clock,
                config.vehicles().commandTimeout(), config.vehicles().maxCommandExpiry());
        started.add(vehicles);
        FunctionCounter.builder("fleet.agent.metrics.stale", vehicles, VehicleFeature::staleAgentMetrics)
                .description("agent counters messages left out because the vehicle's kept one was newer")
                .register(metrics);
        // PIN checks hash for a good part of a second (PBKDF2): their own threads, so shadow reads never wait on them.
        voicePinChecks = Executors.newFixedThreadPool(2, r -> new Thread(r, "voice-pin-checks"));
        VoicePinStore voicePins = new VoicePinStore(database.dataSource(), voicePinChecks, clock);
        AppApiRoutes api = new AppApiRoutes(vehicles.vehicles(), users, voicePins, throttle, clock);
        alexa = new AlexaHttpEndpoint(new GenieSkill(users, vehicles.vehicles(), voicePins),
                new AlexaSettings(config.alexa().verify(), config.alexa().applicationId()));
        // Control-plane calls (registry, jobs) block on JDBC: threads of their own, so a burst of them never delays
        // shadow reads.
        controlPlaneWork = Executors.newFixedThreadPool(2, r -> new Thread(r, "control-plane"));
        registry = new ThingRegistry(database.dataSource(), controlPlaneWork, clock, ResourceArns.LOCAL);
        jobs = new JobControlPlane(database.dataSource(), controlPlaneWork, clock, ResourceArns.LOCAL);
        CampaignsConfig campaignSettings = config.campaigns();
        Dispatcher dispatcher = new Dispatcher(database.dataSource(), jobs, clock,
                campaignSettings.lease());
        started.add(dispatcher);
        Campaigns campaigns = new Campaigns(database.dataSource(), controlPlaneWork, clock, dispatcher);
        startDeviceJobs(jobs, clock, dispatcher);
        vehicles.watchDevices(new RigWakeups(dispatcher::wake)); // a rig online or healthy gets its run at once
        dispatcher.start(campaignSettings.dispatchInterval()); // once jobs reach devices
        started.add(jobs.startTimeouts(JOB_TIMEOUT_SWEEP));
        ParquetCache queryCache = new ParquetCache(driveLogs.client(), ParquetCache.dirIn(config.dataDir()));
        if (config.ingest().enabled()) {
            started.add(IngestService.start(driveLogs.client(), driveLogs.bucket(), database.dataSource(),
                    config.dataDir().resolve("ingest"), config.ingest(), queryCache, clock));
        }
        DriveLogRoutes driveLogRoutes = new DriveLogRoutes(new DriveLogQueries(database.dataSource(), blockingReads),
                campaigns);
        Optional<CertificateAndKey> tls = config.http().tls()
                ? Optional.of(new CertificateAndKey(config.httpsCertFile(), config.httpsKeyFile()))
                : Optional.empty();
        http = HttpApiServer.start(config.http().host(), config.http().port(), tls, shadows, signatures, metrics,
                this::health, List.of(api::mount, driveLogRoutes::mount,
                        new CampaignRoutes(campaigns, new RunResults(driveLogs.client(), driveLogs.bucket(),
                                blockingReads))::mount,
                        new ScenarioRoutes(new ScenarioQueries(database.dataSource(), blockingReads))::mount,
                        new IngestAdminRoutes(new IngestQueue(database.dataSource(), blockingReads))::mount,
                        new QueryRoutes(catalogSql(config, queryCache))::mount,
                        new VoicePinRoutes(voicePins)::mount,
                        new ConsoleRoutes()::mount, new OwnerAppRoutes(config.app())::mount, alexa::mount,
                        new RegistryHttpRoutes(registry, signatures)::mount,
                        new JobHttpRoutes(jobs, signatures, clock)::mount));
    }

    /**
     * The Jobs device API over MQTT, answered inside the embedded broker (its own threads: every request is a
     * PostgreSQL transaction), or on an external broker through the service's client (its Jobs subscriptions).
     */
    private void startDeviceJobs(JobControlPlane jobs, Clock clock, Dispatcher dispatcher) {
        var inBroker = broker.inBrokerJobRequests();
        ShadowPublisher publisher = inBroker.isPresent() ? new HiveMqShadowPublisher() : transport.publisher();
        ExecutorService deviceJobWork = Executors.newFixedThreadPool(2, r -> new Thread(r, "jobs-device"));
        started.add(deviceJobWork::shutdown);
        jobs.publishNotificationsTo(publisher::publish);
        DeviceJobs deviceJobs = new DeviceJobs(database.dataSource(), deviceJobWork, clock, publisher::publish);
        deviceJobs.onExecutionEnded(thing -> dispatcher.wake()); // a verdict or a rejection frees the rig
        if (inBroker.isPresent()) {
            inBroker.get().attach(deviceJobs::onRequest);
            started.add(inBroker.get()::detach);
        } else {
            ((ClientShadowTransport) transport).attachJobs(deviceJobs::onRequest); // external: always a client
            LOG.info("AWS IoT Jobs device requests taken through the service's MQTT client");
        }
    }

    /**
     * {@code POST /api/query}: DuckDB queries on threads of their own (two at a time; each may scan the Parquet of
     * many drive logs), at most {@code ingest.query.maxRows} rows and {@code ingest.query.maxSeconds} s each.
     */
    private CatalogSql catalogSql(CloudConfig config, ParquetCache queryCache) {
        sqlQueries = Executors.newScheduledThreadPool(2, r -> new Thread(r, "sql-queries"));
        CatalogSql sql = new CatalogSql(database.dataSource(), queryCache, config.dataDir().resolve("ingest")
                .resolve("queries"), sqlQueries, sqlQueries, config.ingest().query().maxRows(),
                config.ingest().query().maxTime());
        if (config.ingest().enabled()) {
            sql.warmUp(); // a failure is the first query's to report
        }
        return sql;
    }


    /**
     * The SigV4 check of data-plane requests: with credentials configured, always; without, only on a loopback
     * address (or when unsigned requests are allowed explicitly), since anyone who reaches the port could otherwise
     * change any shadow.
     */
    static SigV4Verifier signatures(HttpConfig settings) throws IOException {
        if (settings.sigv4Credentials() != null) {
            return SigV4Verifier.fromCredentialsFile(settings.sigv4Credentials(), Clock.systemUTC());
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(settings.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("http.host " + settings.host() + ": unknown host", e);
        }
        if (!loopback && !settings.allowUnsigned()) {
            throw new IllegalArgumentException("http.host " + settings.host() + " is reachable from other machines: "
                    + "set http.sigv4Credentials (--http-sigv4-credentials, an AWS credentials file whose keys "
                    + "clients sign with) or allow unsigned shadow requests with http.allowUnsigned: true");
        }
        return null;
    }

    /** In the embedded broker when configured so (the default there), else through the service's client. */
    private ShadowTransport shadowTransport(MqttConfig settings, MqttEndpoint endpoint) {
        if (settings.shadowFrontend() == ShadowFrontend.IN_BROKER) {
            LOG.info("shadow requests taken inside the embedded broker");
            return new InBrokerShadowTransport(broker.inBrokerShadowRequests().orElseThrow());
        }
        // On the embedded broker every instance gets its own client id <CN>-<random> with the same certificate.
        String instanceSuffix = settings.external() ? null : UUID.randomUUID().toString().substring(0, 8);
        return new ClientShadowTransport(endpoint, settings.sharedGroup(), instanceSuffix,
                broker.inBrokerJobRequests().isEmpty());
    }

    private ShadowBackend shadowBackend(CloudConfig config, ShadowService shadows) {
        VehiclesConfig settings = config.vehicles();
        if (settings.shadowBackend() == ShadowBackendKind.LOCAL) {
            return new LocalShadowBackend(shadows);
        }
        IotDataPlaneClientBuilder builder = IotDataPlaneClient.builder()
                .httpClient(UrlConnectionHttpClient.create());
        if (settings.awsEndpoint() != null) {
            builder.endpointOverride(URI.create(settings.awsEndpoint()));
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

    /** The drive-log bucket (embedded S3Proxy or external S3) and its client. */
    public DriveLogBucket driveLogBucket() {
        return driveLogs;
    }

    /** The AWS IoT thing registry (vehicles and rigs). */
    public ThingRegistry registry() {
        return registry;
    }

    /** The AWS IoT Jobs control plane (in-process callers, e.g. a test that moved the clock and sweeps now). */
    public JobControlPlane jobs() {
        return jobs;
    }

    /** The vehicles feature with its own threads (in-process callers, e.g. a sweep for overdue commands now). */
    public VehicleFeature vehicleFeature() {
        return vehicles;
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
        MqttConfig mqtt = config.mqtt();
        if (mqtt.external()) {
            return new BrokerSettings.External(mqtt.host(), mqtt.port(), config.caFile(), serviceCert);
        }
        return new BrokerSettings.Embedded(mqtt.port(), config.dataDir(), config.caFile(),
                CertificateAndKey.inFolder(config.certsDir().resolve("broker")), serviceCert,
                Set.of(TopicPolicy.DEFAULT_SERVICE_CN), mqtt.brokerPersistence() == BrokerPersistence.FILE);
    }

    public HealthReport health() {
        Map<String, Boolean> components = new LinkedHashMap<>();
        components.put("database", database != null && isDatabaseUp());
        components.put("mqtt", transport != null && transport.isConnected());
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

    /** How to reach the service's PostgreSQL (the embedded one's URL and role, when embedded). */
    public DatabaseConfig databaseSettings() {
        return database.connectionSettings();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.stopTakingRequests(); // new requests first; those already queued are still answered below
        }
        if (lanes != null) {
            try {
                lanes.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (transport != null) {
            transport.publisher().awaitDrained(Duration.ofSeconds(10));
            transport.close();
        }
        closeQuietly(http);
        closeQuietly(alexa);
        if (blockingReads != null) {
            blockingReads.shutdown();
        }
        if (voicePinChecks != null) {
            voicePinChecks.shutdown();
        }
        if (controlPlaneWork != null) {
            controlPlaneWork.shutdown();
        }
        if (sqlQueries != null) {
            sqlQueries.shutdownNow();
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
}
