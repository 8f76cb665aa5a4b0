package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleet.cloud.shadow.ShadowCommitLanes;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cloud service's whole configuration: one YAML file, every key overridable by a CLI flag, and embedded
 * defaults for anything left out. Unknown keys are an error, so a typo never silently falls back to a default.
 *
 * @param dataDir  where the embedded broker and embedded PostgreSQL keep their files
 * @param certsDir the layout written by {@code certs/dev-ca.sh}: ca.pem, broker/, service/, things/
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CloudConfig(Path dataDir, Path certsDir, Mqtt mqtt, Http http, Database database, Shadow shadow,
                          Vehicles vehicles, Alexa alexa, Users users, S3 s3, Ingest ingest, App app,
                          Campaigns campaigns) {

    public CloudConfig {
        dataDir = dataDir != null ? dataDir : Path.of("data");
        certsDir = certsDir != null ? certsDir : Path.of("certs", "generated");
        mqtt = mqtt != null ? mqtt : new Mqtt(null, null, null, null, null, null, null, null);
        http = http != null ? http : new Http(null, null);
        database = database != null ? database : new Database(null, null, null, null);
        shadow = shadow != null ? shadow : new Shadow(null, null, null, null);
        vehicles = vehicles != null ? vehicles : new Vehicles(null, null, null, null, null);
        alexa = alexa != null ? alexa : new Alexa(null, null);
        users = users != null ? users : new Users(null, null);
        s3 = s3 != null ? s3 : new S3(null, null, null, null, null, null, null);
        ingest = ingest != null ? ingest : new Ingest(null, null, null, null);
        app = app != null ? app : new App(null);
        campaigns = campaigns != null ? campaigns : new Campaigns(null, null);
    }

    public CloudConfig(Path dataDir, Path certsDir, Mqtt mqtt, Http http, Database database, Shadow shadow,
                       Vehicles vehicles, Alexa alexa, Users users) {
        this(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa, users, null, null, null, null);
    }

    public static CloudConfig defaults() {
        return new CloudConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static CloudConfig load(Path yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        if (!Files.exists(yaml)) {
            throw new IOException(yaml + ": configuration file not found");
        }
        try {
            CloudConfig config = mapper.readValue(yaml.toFile(), CloudConfig.class);
            return config != null ? config : defaults();
        } catch (IOException e) {
            throw new IOException(yaml + ": " + e.getMessage(), e);
        }
    }

    /**
     * MQTT: the embedded broker (default) or an external one the service connects to as a client.
     *
     * @param external   connect to host:port instead of starting the embedded broker
     * @param caFile     CA that signed the broker's certificate (default certsDir/ca.pem)
     * @param certFile   the service's client certificate (default certsDir/service/certificate.pem)
     * @param keyFile    the service's private key (default certsDir/service/private.key)
     * @param brokerPersistence embedded broker sessions and queued messages: "in-memory" (default, and the
     *                    faster: the figures are in BENCHMARKS.md; shadows are in PostgreSQL either way; after a
     *                    broker restart clients find their sessions gone and subscribe again, as the AWS SDK's
     *                    streams and the agent do, tested by
     *                    device-agent's CloudRestartIT) or "file" (sessions, subscriptions and queued QoS 1 messages
     *                    survive a broker restart, at HiveMQ's Xodus persistence cost)
     * @param sharedGroup MQTT 5 share group of the shadow request subscriptions, so several instances split the
     *                    load; "" subscribes without sharing (single instance; needed on Mosquitto 2.0, which
     *                    never delivers {@code $aws/...} topics to shared subscriptions)
     * @param shadowFrontend how shadow requests reach the service: "in-broker" (default with the embedded broker:
     *                    taken straight off the embedded HiveMQ and answered through it, no client hop) or "client"
     *                    (the service's MQTT client on the shared subscriptions; the only choice with an external
     *                    broker, and how several instances share one broker)
     */
    public record Mqtt(Boolean external, String host, Integer port, Path caFile, Path certFile, Path keyFile,
                       String sharedGroup, BrokerPersistence brokerPersistence, ShadowFrontend shadowFrontend) {

        public Mqtt(Boolean external, String host, Integer port, Path caFile, Path certFile, Path keyFile,
                    String sharedGroup) {
            this(external, host, port, caFile, certFile, keyFile, sharedGroup, null, null);
        }

        public Mqtt(Boolean external, String host, Integer port, Path caFile, Path certFile, Path keyFile,
                    String sharedGroup, BrokerPersistence brokerPersistence) {
            this(external, host, port, caFile, certFile, keyFile, sharedGroup, brokerPersistence, null);
        }

        public Mqtt {
            brokerPersistence = brokerPersistence != null ? brokerPersistence : BrokerPersistence.IN_MEMORY;
            external = external != null && external;
            shadowFrontend = shadowFrontend != null ? shadowFrontend
                    : external ? ShadowFrontend.CLIENT : ShadowFrontend.IN_BROKER;
            if (external && shadowFrontend == ShadowFrontend.IN_BROKER) {
                throw new IllegalArgumentException("mqtt.shadowFrontend in-broker needs the embedded broker "
                        + "(mqtt.external: false); with an external broker use client");
            }
            host = host != null ? host : "127.0.0.1";
            port = port != null ? port : 8883;
            sharedGroup = sharedGroup != null ? sharedGroup : "fleet-shadow";
        }
    }

    /**
     * The HTTP listener: data-plane shadow API, app API, console, Alexa, health and metrics.
     *
     * @param sigv4Credentials a file in the AWS shared credentials format; when set, every data-plane (shadow)
     *                         request must carry a SigV4 signature made with one of its keys, as AWS IoT requires
     * @param allowUnsigned    take unsigned data-plane requests on an address other machines can reach (default
     *                         false: such a service refuses to start without {@code sigv4Credentials}); on a
     *                         loopback address unsigned requests are always taken when no credentials are set
     * @param tls              serve HTTPS instead of HTTP (default false), e.g. so that phones get the owner app's
     *                         service worker, which browsers allow only in a secure context
     * @param certFile         the HTTPS certificate chain, PEM (default certsDir/broker/certificate.pem: the dev CA's
     *                         server certificate, for localhost and 127.0.0.1)
     * @param keyFile          its private key, PEM (default certsDir/broker/private.key)
     */
    public record Http(String host, Integer port, Path sigv4Credentials, Boolean allowUnsigned, Boolean tls,
                       Path certFile, Path keyFile) {
        public Http {
            host = host != null ? host : "127.0.0.1";
            port = port != null ? port : 8080;
            allowUnsigned = allowUnsigned != null && allowUnsigned;
            tls = tls != null && tls;
        }

        public Http(String host, Integer port, Path sigv4Credentials, Boolean allowUnsigned) {
            this(host, port, sigv4Credentials, allowUnsigned, null, null, null);
        }

        public Http(String host, Integer port) {
            this(host, port, null, null);
        }
    }

    /**
     * PostgreSQL: embedded (default, data under dataDir/postgres) or any server by JDBC URL.
     *
     * @param unsafeFastCommits embedded only: run PostgreSQL with fsync and synchronous commit off. Faster commits,
     *                          but a machine crash or power cut loses updates the service already acknowledged.
     *                          Default false (durable).
     */
    public record Database(String jdbcUrl, String user, String password, Integer poolSize,
                           Boolean unsafeFastCommits) {
        public Database {
            poolSize = poolSize != null ? poolSize : 8;
            unsafeFastCommits = unsafeFastCommits != null && unsafeFastCommits;
        }

        public Database(String jdbcUrl, String user, String password, Integer poolSize) {
            this(jdbcUrl, user, password, poolSize, null);
        }

        public boolean embedded() {
            return jdbcUrl == null || jdbcUrl.isBlank();
        }
    }

    /**
     * Shadow service tuning.
     *
     * @param commitLanes  parallel group-commit lanes (a shadow always maps to the same lane)
     * @param maxBatch     most requests committed in one transaction
     * @param queueLimit   requests waiting per lane before new ones are refused with 429
     * @param cachedShadows rows the lanes remember between batches so that updating a known shadow needs no read
     *                      (least recently used out; 0 = read every row each time); ~14 KB of heap each for a
     *                      vehicle-sized shadow
     */
    public record Shadow(Integer commitLanes, Integer maxBatch, Integer queueLimit, Integer cachedShadows) {
        public Shadow {
            commitLanes = commitLanes != null ? commitLanes : 4;
            maxBatch = maxBatch != null ? maxBatch : 256;
            queueLimit = queueLimit != null ? queueLimit : 10_000;
            cachedShadows = cachedShadows != null ? cachedShadows : ShadowCommitLanes.DEFAULT_CACHED_SHADOWS;
        }
    }

    /**
     * The app API's vehicles and commands.
     *
     * @param shadowBackend         {@code local} (this service's shadows, default) or {@code aws} (AWS IoT Core's
     *                              data plane through the AWS SDK; then also point {@code mqtt} at AWS IoT Core)
     * @param awsEndpoint           data-plane endpoint override, e.g. https://xxxx-ats.iot.eu-west-1.amazonaws.com
     * @param awsRegion             region for the AWS SDK (default: the SDK's region chain)
     * @param commandTimeoutSeconds   a received command without an outcome becomes TIMED_OUT after this, and a
     *                                command submitted without {@code expiresInSeconds} expires after it (default
     *                                120); either way its desired value is withdrawn
     * @param maxCommandExpirySeconds the longest {@code expiresInSeconds} a command may ask for (default 86400)
     */
    public record Vehicles(ShadowBackendKind shadowBackend, String awsEndpoint, String awsRegion,
                           Integer commandTimeoutSeconds, Integer maxCommandExpirySeconds) {
        public Vehicles {
            shadowBackend = shadowBackend != null ? shadowBackend : ShadowBackendKind.LOCAL;
            commandTimeoutSeconds = commandTimeoutSeconds != null ? commandTimeoutSeconds : 120;
            if (commandTimeoutSeconds < 1) {
                throw new IllegalArgumentException("vehicles.commandTimeoutSeconds must be at least 1");
            }
            maxCommandExpirySeconds = maxCommandExpirySeconds != null ? maxCommandExpirySeconds : 86_400;
            if (maxCommandExpirySeconds < 1) {
                throw new IllegalArgumentException("vehicles.maxCommandExpirySeconds must be at least 1");
            }
        }
    }

    /**
     * The Alexa skill's HTTPS endpoint {@code POST /alexa}.
     *
     * @param verify        check signature, certificate chain, timestamp and application id (default true; only the
     *                      demo turns it off)
     * @param applicationId the skill's id (amzn1.ask.skill....) that requests must carry
     */
    public record Alexa(Boolean verify, String applicationId) {
        public Alexa {
            verify = verify != null ? verify : true;
        }
    }

    /**
     * The owner app at {@code /app}.
     *
     * @param mapTiles a map tile URL template with {@code {z}}, {@code {x}} and {@code {y}}, e.g.
     *                 {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png} (mind the tile server's usage policy);
     *                 the app's content security policy then allows images from that origin, and only that one.
     *                 Unset (default): no map, the car's coordinates and a link to openstreetmap.org
     */
    public record App(String mapTiles) {
        public App {
            if (mapTiles != null) {
                mapTilesOrigin(mapTiles); // fails now, naming the key, rather than when the page is served
            }
        }

        /** The origin (scheme://host[:port]) the tiles come from, if a template is set. */
        @JsonIgnore
        public Optional<String> tilesOrigin() {
            return mapTiles == null ? Optional.empty() : Optional.of(mapTilesOrigin(mapTiles));
        }

        private static String mapTilesOrigin(String template) {
            String problem = "app.mapTiles must be an http(s) URL template with {z}, {x} and {y}, e.g. "
                    + "https://tile.openstreetmap.org/{z}/{x}/{y}.png, got \"" + template + "\"";
            if (!template.contains("{z}") || !template.contains("{x}") || !template.contains("{y}")) {
                throw new IllegalArgumentException(problem);
            }
            URI uri;
            try {
                uri = new URI(template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(problem + " (" + e.getReason() + ")", e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(problem);
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
    }

    /**
     * App API users and their bearer tokens.
     *
     * @param tokenTtlDays how long a newly issued token works (default 90; 0 = never); {@code fleet user add/token
     *                     --ttl-days} and the API's {@code ttlDays} choose per token. The service's own admin token
     *                     ({@code dataDir/users/admin.token}, used by the CLI) never expires
     * @param authFailures how failed authentications are throttled
     */
    public record Users(Integer tokenTtlDays, AuthFailures authFailures) {
        public static final int MAX_TTL_DAYS = 3650;

        public Users {
            tokenTtlDays = tokenTtlDays != null ? tokenTtlDays : 90;
            if (tokenTtlDays < 0 || tokenTtlDays > MAX_TTL_DAYS) {
                throw new IllegalArgumentException("users.tokenTtlDays must be 0 (never expire) to " + MAX_TTL_DAYS
                        + ", got " + tokenTtlDays);
            }
            authFailures = authFailures != null ? authFailures : new AuthFailures(null, null, null, null, null);
        }
    }

    /**
     * Throttling of failed bearer-token authentications: a token bucket per client address (IPv6: per /64) and one
     * for the whole service. A request with a token that fails takes one from each; one whose bucket is empty gets
     * 429 with Retry-After before any database lookup.
     *
     * @param addressBurst      failures one address may have in a row (default 20)
     * @param addressPerSecond  then this many per second (default 2)
     * @param globalBurst       failures from all addresses together in a row (default 1000)
     * @param globalPerSecond   then this many per second (default 100)
     * @param trackedAddresses  addresses remembered at most (default 50,000: ~10 MB of heap, ~200 B each, measured; the
     *                          least recently failing are forgotten first, which the global bucket makes harmless)
     */
    public record AuthFailures(Integer addressBurst, Double addressPerSecond, Integer globalBurst,
                               Double globalPerSecond, Integer trackedAddresses) {
        public AuthFailures {
            addressBurst = atLeastOne("addressBurst", addressBurst, 20);
            addressPerSecond = positive("addressPerSecond", addressPerSecond, 2.0);
            globalBurst = atLeastOne("globalBurst", globalBurst, 1000);
            globalPerSecond = positive("globalPerSecond", globalPerSecond, 100.0);
            trackedAddresses = atLeastOne("trackedAddresses", trackedAddresses, 50_000);
        }

        private static int atLeastOne(String key, Integer value, int otherwise) {
            if (value != null && value < 1) {
                throw new IllegalArgumentException("users.authFailures." + key + " must be at least 1, got " + value);
            }
            return value != null ? value : otherwise;
        }

        private static double positive(String key, Double value, double otherwise) {
            if (value != null && !(value > 0 && value < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("users.authFailures." + key + " must be a number above 0, got "
                        + value);
            }
            return value != null ? value : otherwise;
        }
    }

    public CloudConfig withUsers(Users u) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                u, s3, ingest, app, campaigns);
    }

    public CloudConfig withVehicles(Vehicles v) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, v, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withAlexa(Alexa a) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, a,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withS3(S3 s) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s, ingest, app, campaigns);
    }

    public CloudConfig withApp(App a) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, ingest, a, campaigns);
    }

    public CloudConfig withIngest(Ingest i) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, i, app, campaigns);
    }

    /**
     * Where drive logs are stored: the embedded S3Proxy (default) or an external S3 endpoint / Amazon S3.
     *
     * @param embedded        serve an S3-compatible endpoint in-process (S3Proxy, filesystem back-end in
     *                        {@code dataDir/s3/blobs}, path-style, credentials generated into
     *                        {@code dataDir/s3/credentials}); false: use {@code endpoint} or Amazon S3
     * @param host            embedded: listen address (default 127.0.0.1)
     * @param port            embedded: port (default 9000; 0 picks a free one)
     * @param endpoint        external: an S3-compatible endpoint URL (path-style); null = Amazon S3
     * @param region          signing region (default us-east-1)
     * @param bucket          the drive-log bucket (default drive-logs; the embedded store creates it)
     * @param credentialsFile external: an AWS shared-credentials file (profile default); null = the AWS SDK's
     *                        default credentials chain (environment, instance/task role, ~/.aws)
     */
    public record S3(Boolean embedded, String host, Integer port, String endpoint, String region, String bucket,
                     Path credentialsFile) {
        public static final int DEFAULT_PORT = 9000;

        public S3 {
            embedded = embedded == null || embedded;
            host = host != null ? host : "127.0.0.1";
            port = port != null ? port : DEFAULT_PORT;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("s3.port must be 0 to 65535, got " + port);
            }
            region = region != null ? region : "us-east-1";
            bucket = bucket != null ? bucket : "drive-logs";
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("s3.bucket '" + bucket + "' is not a valid S3 bucket name "
                        + "(3-63 characters: lower-case letters, digits, dots and hyphens)");
            }
            if (embedded && (endpoint != null || credentialsFile != null)) {
                throw new IllegalArgumentException("s3.endpoint and s3.credentialsFile are for an external S3 "
                        + "(s3.embedded: false); the embedded one generates its credentials");
            }
        }
    }

    /**
     * Drive-log ingest from {@code s3://<bucket>/raw/<vehicle>/...} into the catalog.
     *
     * @param enabled             run the poller and the workers in this service (default true)
     * @param pollIntervalMillis  pause between two listings of {@code raw/} (default 1000)
     * @param workers             drive logs ingested at once by this instance (default 1); 0: this instance only
     *                            catalogs new objects and worker processes ({@code ./fleet ingest worker}) ingest
     * @param claimSeconds        the lease of a worker's claim on a drive log (default 30): renewed every third of
     *                            it while the worker ingests, so a log being read never expires; the log of a worker
     *                            that died is taken over by another at most this long after its last renewal
     * @param signalRoles         which decoded signals scenario detection and the trip summary read
     * @param sqs                 the production trigger: the bucket's S3 Event Notifications through SQS instead of
     *                            listing {@code raw/} (off unless {@code sqs.queueUrl} is set)
     * @param query               the limits of {@code POST /api/query}
     */
    public record Ingest(Boolean enabled, Integer pollIntervalMillis, Integer workers, Integer claimSeconds,
                         SignalRoles signalRoles, Sqs sqs, Query query) {
        public Ingest {
            enabled = enabled == null || enabled;
            pollIntervalMillis = pollIntervalMillis != null ? pollIntervalMillis : 1000;
            workers = workers != null ? workers : 1;
            claimSeconds = claimSeconds != null ? claimSeconds : 30;
            signalRoles = signalRoles != null ? signalRoles : new SignalRoles(null, null);
            sqs = sqs != null ? sqs : new Sqs(null, null, null, null, null);
            query = query != null ? query : new Query(null, null);
            if (pollIntervalMillis < 10 || workers < 0 || claimSeconds < 1) {
                throw new IllegalArgumentException("ingest: pollIntervalMillis must be >= 10, workers >= 0 and "
                        + "claimSeconds >= 1, got " + pollIntervalMillis + ", " + workers + ", " + claimSeconds);
            }
        }

        public Ingest(Boolean enabled, Integer pollIntervalMillis, Integer workers, Integer claimSeconds) {
            this(enabled, pollIntervalMillis, workers, claimSeconds, null, null, null);
        }

        public Ingest(Boolean enabled, Integer pollIntervalMillis, Integer workers, Integer claimSeconds,
                      SignalRoles signalRoles) {
            this(enabled, pollIntervalMillis, workers, claimSeconds, signalRoles, null, null);
        }
    }

    /**
     * Limits of one {@code POST /api/query}.
     *
     * @param maxRows    rows answered at most (default 10000; beyond them the answer says {@code truncated})
     * @param maxSeconds a query running longer is cancelled and answered 400 (default 30)
     */
    public record Query(Integer maxRows, Integer maxSeconds) {
        public Query {
            maxRows = maxRows != null ? maxRows : 10_000;
            maxSeconds = maxSeconds != null ? maxSeconds : 30;
            if (maxRows < 1 || maxSeconds < 1) {
                throw new IllegalArgumentException("ingest.query: maxRows and maxSeconds must be >= 1, got "
                        + maxRows + ", " + maxSeconds);
            }
        }
    }

    /**
     * S3 Event Notifications of the drive-log bucket ({@code s3:ObjectCreated:*}) delivered to an SQS queue: the
     * production ingest trigger, used instead of listing the bucket when {@code queueUrl} is set.
     *
     * @param queueUrl        the queue's URL; null = list the bucket ({@code ingest.pollIntervalMillis})
     * @param region          the queue's region (default {@code s3.region})
     * @param endpoint        an SQS-compatible endpoint (ElasticMQ, LocalStack); null = Amazon SQS
     * @param credentialsFile an AWS shared-credentials file (profile default); null = the AWS SDK's default chain
     * @param waitSeconds     long-poll wait of one receive, 0-20 (default 20)
     */
    public record Sqs(String queueUrl, String region, String endpoint, Path credentialsFile, Integer waitSeconds) {
        public Sqs {
            waitSeconds = waitSeconds != null ? waitSeconds : 20;
            if (waitSeconds < 0 || waitSeconds > 20) {
                throw new IllegalArgumentException("ingest.sqs.waitSeconds must be 0 to 20 (SQS long polling), got "
                        + waitSeconds);
            }
        }

        public boolean enabled() {
            return queueUrl != null && !queueUrl.isBlank();
        }
    }

    /**
     * The decoded signals that play a role in scenario detection: the first signal of a drive log whose name is in
     * a list (or whose {@code Message.Signal} is) takes the role. Speed in m/s, km/h, kph, kmh or mph; heading in
     * degrees.
     *
     * @param speed   default {@code [Speed]}; e.g. add J1939's {@code WheelBasedVehicleSpeed}
     * @param heading default {@code [Heading]}
     */
    public record SignalRoles(List<String> speed, List<String> heading) {
        public SignalRoles {
            speed = speed != null ? List.copyOf(speed) : List.of("Speed");
            heading = heading != null ? List.copyOf(heading) : List.of("Heading");
        }
    }

    /** The certificate and key HTTPS is served with: http.certFile/keyFile, else the broker's in certsDir. */
    public Path httpsCertFile() {
        return http.certFile() != null ? http.certFile() : certsDir.resolve("broker").resolve("certificate.pem");
    }

    public Path httpsKeyFile() {
        return http.keyFile() != null ? http.keyFile() : certsDir.resolve("broker").resolve("private.key");
    }

    public Path caFile() {
        return mqtt.caFile() != null ? mqtt.caFile() : certsDir.resolve("ca.pem");
    }

    public Path serviceCertFile() {
        return mqtt.certFile() != null ? mqtt.certFile() : certsDir.resolve("service/certificate.pem");
    }

    public Path serviceKeyFile() {
        return mqtt.keyFile() != null ? mqtt.keyFile() : certsDir.resolve("service/private.key");
    }

    public CloudConfig withDataDir(Path dir) {
        return new CloudConfig(dir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withCertsDir(Path dir) {
        return new CloudConfig(dataDir, dir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withMqtt(Mqtt m) {
        return new CloudConfig(dataDir, certsDir, m, http, database, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withHttp(Http h) {
        return new CloudConfig(dataDir, certsDir, mqtt, h, database, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withShadow(Shadow s) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, s, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withDatabase(Database d) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, d, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withCampaigns(Campaigns c) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, ingest, app, c);
    }

    /**
     * Test campaigns and their dispatcher (campaigns.Dispatcher).
     *
     * @param leaseSeconds           a leased run whose rig sends no execution update (heartbeat) for this long is
     *                               taken back, its job cancelled, and queued for another rig (default 60)
     * @param dispatchIntervalMillis the dispatcher's pass without any event to wake it (default 1000)
     */
    public record Campaigns(Integer leaseSeconds, Integer dispatchIntervalMillis) {
        public Campaigns {
            leaseSeconds = leaseSeconds != null ? leaseSeconds : 60;
            dispatchIntervalMillis = dispatchIntervalMillis != null ? dispatchIntervalMillis : 1000;
            if (leaseSeconds < 1 || dispatchIntervalMillis < 10) {
                throw new IllegalArgumentException("campaigns: leaseSeconds must be >= 1 and dispatchIntervalMillis "
                        + ">= 10, got " + leaseSeconds + ", " + dispatchIntervalMillis);
            }
        }
    }
}
