package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleet.cloud.shadow.ShadowCommitLanes;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The cloud service's whole configuration: one YAML file, every key overridable by a CLI flag, and embedded
 * defaults for anything left out. Unknown keys are an error, so a typo never silently falls back to a default.
 * <p>
 * Each section is typed (durations, enums, primitives) and complete: its YAML keys, which are those of earlier
 * versions ({@code pollIntervalMillis: 1000}), are read by its private {@code fromYaml} factory, the one place that
 * fills in defaults. Code and tests start from a section's {@code defaults()} or a named factory and change what
 * they need with its {@code with...} methods.
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
        mqtt = mqtt != null ? mqtt : Mqtt.defaults();
        http = http != null ? http : Http.defaults();
        database = database != null ? database : Database.defaults();
        shadow = shadow != null ? shadow : Shadow.defaults();
        vehicles = vehicles != null ? vehicles : Vehicles.defaults();
        alexa = alexa != null ? alexa : Alexa.defaults();
        users = users != null ? users : Users.defaults();
        s3 = s3 != null ? s3 : S3.defaults();
        ingest = ingest != null ? ingest : Ingest.defaults();
        app = app != null ? app : App.defaults();
        campaigns = campaigns != null ? campaigns : Campaigns.defaults();
    }

    /** What an empty YAML file gives. */
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
    public record Mqtt(boolean external, String host, int port, Path caFile, Path certFile, Path keyFile,
                       String sharedGroup, BrokerPersistence brokerPersistence, ShadowFrontend shadowFrontend) {

        public Mqtt {
            Objects.requireNonNull(host, "mqtt.host");
            Objects.requireNonNull(sharedGroup, "mqtt.sharedGroup");
            Objects.requireNonNull(brokerPersistence, "mqtt.brokerPersistence");
            Objects.requireNonNull(shadowFrontend, "mqtt.shadowFrontend");
            if (external && shadowFrontend == ShadowFrontend.IN_BROKER) {
                throw new IllegalArgumentException("mqtt.shadowFrontend in-broker needs the embedded broker "
                        + "(mqtt.external: false); with an external broker use client");
            }
        }

        @JsonCreator
        static Mqtt fromYaml(@JsonProperty("external") Boolean external, @JsonProperty("host") String host,
                             @JsonProperty("port") Integer port, @JsonProperty("caFile") Path caFile,
                             @JsonProperty("certFile") Path certFile, @JsonProperty("keyFile") Path keyFile,
                             @JsonProperty("sharedGroup") String sharedGroup,
                             @JsonProperty("brokerPersistence") BrokerPersistence brokerPersistence,
                             @JsonProperty("shadowFrontend") ShadowFrontend shadowFrontend) {
            boolean isExternal = external != null && external;
            return new Mqtt(isExternal, host != null ? host : "127.0.0.1", port != null ? port : 8883, caFile,
                    certFile, keyFile, sharedGroup != null ? sharedGroup : "fleet-shadow",
                    brokerPersistence != null ? brokerPersistence : BrokerPersistence.IN_MEMORY,
                    shadowFrontend != null ? shadowFrontend
                            : isExternal ? ShadowFrontend.CLIENT : ShadowFrontend.IN_BROKER);
        }

        /** The embedded broker on 8883, certificates from certsDir. */
        public static Mqtt defaults() {
            return fromYaml(null, null, null, null, null, null, null, null, null);
        }

        /** An external broker at {@code host:port}, shadow requests through the service's client. */
        public static Mqtt externalBroker(String host, int port) {
            return fromYaml(true, host, port, null, null, null, null, null, null);
        }

        /** "" subscribes without sharing. */
        public Mqtt withSharedGroup(String group) {
            return new Mqtt(external, host, port, caFile, certFile, keyFile, group, brokerPersistence,
                    shadowFrontend);
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
    public record Http(String host, int port, Path sigv4Credentials, boolean allowUnsigned, boolean tls,
                       Path certFile, Path keyFile) {
        public Http {
            Objects.requireNonNull(host, "http.host");
        }

        @JsonCreator
        static Http fromYaml(@JsonProperty("host") String host, @JsonProperty("port") Integer port,
                             @JsonProperty("sigv4Credentials") Path sigv4Credentials,
                             @JsonProperty("allowUnsigned") Boolean allowUnsigned, @JsonProperty("tls") Boolean tls,
                             @JsonProperty("certFile") Path certFile, @JsonProperty("keyFile") Path keyFile) {
            return new Http(host != null ? host : "127.0.0.1", port != null ? port : 8080, sigv4Credentials,
                    allowUnsigned != null && allowUnsigned, tls != null && tls, certFile, keyFile);
        }

        /** Plain HTTP on 127.0.0.1:8080, unsigned requests taken (loopback). */
        public static Http defaults() {
            return on("127.0.0.1", 8080);
        }

        /** Plain HTTP on 127.0.0.1 (0: a free port), as tests run it. */
        public static Http loopback(int port) {
            return on("127.0.0.1", port);
        }

        /** Plain HTTP on {@code host:port}, no signatures required, unsigned requests not allowed off loopback. */
        public static Http on(String host, int port) {
            return new Http(host, port, null, false, false, null, null);
        }

        public Http withPort(int newPort) {
            return new Http(host, newPort, sigv4Credentials, allowUnsigned, tls, certFile, keyFile);
        }

        /** Data-plane requests must be signed with a key from this shared-credentials file. */
        public Http withSigv4Credentials(Path file) {
            return new Http(host, port, file, allowUnsigned, tls, certFile, keyFile);
        }

        public Http withAllowUnsigned(boolean allow) {
            return new Http(host, port, sigv4Credentials, allow, tls, certFile, keyFile);
        }

        /** HTTPS with this certificate chain and key (null: the broker's in certsDir). */
        public Http withTls(Path certificate, Path privateKey) {
            return new Http(host, port, sigv4Credentials, allowUnsigned, true, certificate, privateKey);
        }
    }

    /**
     * PostgreSQL: embedded (default, data under dataDir/postgres) or any server by JDBC URL.
     *
     * @param unsafeFastCommits embedded only: run PostgreSQL with fsync and synchronous commit off. Faster commits,
     *                          but a machine crash or power cut loses updates the service already acknowledged.
     *                          Default false (durable).
     */
    public record Database(String jdbcUrl, String user, String password, int poolSize,
                           boolean unsafeFastCommits) {
        private static final int DEFAULT_POOL_SIZE = 8;

        public Database {
            if (poolSize < 1) {
                throw new IllegalArgumentException("database.poolSize must be at least 1, got " + poolSize);
            }
        }

        @JsonCreator
        static Database fromYaml(@JsonProperty("jdbcUrl") String jdbcUrl, @JsonProperty("user") String user,
                                 @JsonProperty("password") String password, @JsonProperty("poolSize") Integer poolSize,
                                 @JsonProperty("unsafeFastCommits") Boolean unsafeFastCommits) {
            return new Database(jdbcUrl, user, password, poolSize != null ? poolSize : DEFAULT_POOL_SIZE,
                    unsafeFastCommits != null && unsafeFastCommits);
        }

        /** The embedded PostgreSQL, durable commits, a pool of 8. */
        public static Database defaults() {
            return embedded(DEFAULT_POOL_SIZE);
        }

        public static Database embedded(int poolSize) {
            return new Database(null, null, null, poolSize, false);
        }

        /** A PostgreSQL server by JDBC URL. */
        public static Database server(String jdbcUrl, String user, String password, int poolSize) {
            return new Database(jdbcUrl, user, password, poolSize, false);
        }

        public Database withPoolSize(int size) {
            return new Database(jdbcUrl, user, password, size, unsafeFastCommits);
        }

        public Database withUnsafeFastCommits(boolean unsafe) {
            return new Database(jdbcUrl, user, password, poolSize, unsafe);
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
    public record Shadow(int commitLanes, int maxBatch, int queueLimit, int cachedShadows) {
        @JsonCreator
        static Shadow fromYaml(@JsonProperty("commitLanes") Integer commitLanes,
                               @JsonProperty("maxBatch") Integer maxBatch,
                               @JsonProperty("queueLimit") Integer queueLimit,
                               @JsonProperty("cachedShadows") Integer cachedShadows) {
            return new Shadow(commitLanes != null ? commitLanes : 4, maxBatch != null ? maxBatch : 256,
                    queueLimit != null ? queueLimit : 10_000,
                    cachedShadows != null ? cachedShadows : ShadowCommitLanes.DEFAULT_CACHED_SHADOWS);
        }

        public static Shadow defaults() {
            return fromYaml(null, null, null, null);
        }

        public Shadow withCommitLanes(int lanes) {
            return new Shadow(lanes, maxBatch, queueLimit, cachedShadows);
        }

        public Shadow withCachedShadows(int rows) {
            return new Shadow(commitLanes, maxBatch, queueLimit, rows);
        }
    }

    /**
     * The app API's vehicles and commands.
     *
     * @param shadowBackend         {@code local} (this service's shadows, default) or {@code aws} (AWS IoT Core's
     *                              data plane through the AWS SDK; then also point {@code mqtt} at AWS IoT Core)
     * @param awsEndpoint           data-plane endpoint override, e.g. https://xxxx-ats.iot.eu-west-1.amazonaws.com
     * @param awsRegion             region for the AWS SDK (default: the SDK's region chain)
     * @param commandTimeout   a received command without an outcome becomes TIMED_OUT after this, and a command
     *                         submitted without {@code expiresInSeconds} expires after it (YAML
     *                         {@code commandTimeoutSeconds}, default 120); either way its desired value is withdrawn
     * @param maxCommandExpiry the longest {@code expiresInSeconds} a command may ask for (YAML
     *                         {@code maxCommandExpirySeconds}, default 86400)
     */
    public record Vehicles(ShadowBackendKind shadowBackend, String awsEndpoint, String awsRegion,
                           Duration commandTimeout, Duration maxCommandExpiry) {
        public Vehicles {
            Objects.requireNonNull(shadowBackend, "vehicles.shadowBackend");
            Settings.atLeast("vehicles.commandTimeoutSeconds", commandTimeout, Duration.ofSeconds(1));
            Settings.atLeast("vehicles.maxCommandExpirySeconds", maxCommandExpiry, Duration.ofSeconds(1));
        }

        @JsonCreator
        static Vehicles fromYaml(@JsonProperty("shadowBackend") ShadowBackendKind shadowBackend,
                                 @JsonProperty("awsEndpoint") String awsEndpoint,
                                 @JsonProperty("awsRegion") String awsRegion,
                                 @JsonProperty("commandTimeoutSeconds") Integer commandTimeoutSeconds,
                                 @JsonProperty("maxCommandExpirySeconds") Integer maxCommandExpirySeconds) {
            return new Vehicles(shadowBackend != null ? shadowBackend : ShadowBackendKind.LOCAL, awsEndpoint,
                    awsRegion, Settings.seconds(commandTimeoutSeconds, 120),
                    Settings.seconds(maxCommandExpirySeconds, 86_400));
        }

        /** This service's own shadows; commands time out after 2 minutes and may ask for at most a day. */
        public static Vehicles defaults() {
            return fromYaml(null, null, null, null, null);
        }

        /** AWS IoT Core's data plane at {@code endpoint} (null: the SDK's) in {@code region}. */
        public Vehicles withAwsShadows(String endpoint, String region) {
            return new Vehicles(ShadowBackendKind.AWS, endpoint, region, commandTimeout, maxCommandExpiry);
        }

        public Vehicles withCommandTimeout(Duration timeout) {
            return new Vehicles(shadowBackend, awsEndpoint, awsRegion, timeout, maxCommandExpiry);
        }

        public Vehicles withMaxCommandExpiry(Duration longest) {
            return new Vehicles(shadowBackend, awsEndpoint, awsRegion, commandTimeout, longest);
        }
    }

    /**
     * The Alexa skill's HTTPS endpoint {@code POST /alexa}.
     *
     * @param verify        check signature, certificate chain, timestamp and application id (default true; only the
     *                      demo turns it off)
     * @param applicationId the skill's id (amzn1.ask.skill....) that requests must carry
     */
    public record Alexa(boolean verify, String applicationId) {
        @JsonCreator
        static Alexa fromYaml(@JsonProperty("verify") Boolean verify,
                              @JsonProperty("applicationId") String applicationId) {
            return new Alexa(verify == null || verify, applicationId);
        }

        /** Every request verified; no application id, so none is accepted until one is set. */
        public static Alexa defaults() {
            return new Alexa(true, null);
        }

        /** Requests taken without checking that Amazon sent them: the demo and tests, which cannot sign. */
        public static Alexa unverified() {
            return new Alexa(false, null);
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

        /** No map tiles. */
        public static App defaults() {
            return new App(null);
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
     * @param tokenTtl     how long a newly issued token works (YAML {@code tokenTtlDays}, default 90; 0 = never);
     *                     {@code fleet user add/token --ttl-days} and the API's {@code ttlDays} choose per token.
     *                     The service's own admin token ({@code dataDir/users/admin.token}, used by the CLI) never
     *                     expires
     * @param authFailures how failed authentications are throttled
     */
    public record Users(Duration tokenTtl, AuthFailures authFailures) {
        public static final int MAX_TTL_DAYS = 3650;

        public Users {
            Objects.requireNonNull(authFailures, "users.authFailures");
            if (tokenTtl.isNegative() || tokenTtl.compareTo(Duration.ofDays(MAX_TTL_DAYS)) > 0) {
                throw new IllegalArgumentException("users.tokenTtlDays must be 0 (never expire) to " + MAX_TTL_DAYS
                        + ", got " + tokenTtl.toDays());
            }
        }

        @JsonCreator
        static Users fromYaml(@JsonProperty("tokenTtlDays") Integer tokenTtlDays,
                              @JsonProperty("authFailures") AuthFailures authFailures) {
            return new Users(Duration.ofDays(tokenTtlDays != null ? tokenTtlDays : 90),
                    authFailures != null ? authFailures : AuthFailures.defaults());
        }

        /** Tokens work for 90 days; failed authentications throttled by {@link AuthFailures#defaults()}. */
        public static Users defaults() {
            return fromYaml(null, null);
        }

        public Users withAuthFailures(AuthFailures throttle) {
            return new Users(tokenTtl, throttle);
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
    public record AuthFailures(int addressBurst, double addressPerSecond, int globalBurst, double globalPerSecond,
                               int trackedAddresses) {
        public AuthFailures {
            atLeastOne("addressBurst", addressBurst);
            positive("addressPerSecond", addressPerSecond);
            atLeastOne("globalBurst", globalBurst);
            positive("globalPerSecond", globalPerSecond);
            atLeastOne("trackedAddresses", trackedAddresses);
        }

        @JsonCreator
        static AuthFailures fromYaml(@JsonProperty("addressBurst") Integer addressBurst,
                                     @JsonProperty("addressPerSecond") Double addressPerSecond,
                                     @JsonProperty("globalBurst") Integer globalBurst,
                                     @JsonProperty("globalPerSecond") Double globalPerSecond,
                                     @JsonProperty("trackedAddresses") Integer trackedAddresses) {
            return new AuthFailures(addressBurst != null ? addressBurst : 20,
                    addressPerSecond != null ? addressPerSecond : 2.0, globalBurst != null ? globalBurst : 1000,
                    globalPerSecond != null ? globalPerSecond : 100.0,
                    trackedAddresses != null ? trackedAddresses : 50_000);
        }

        public static AuthFailures defaults() {
            return fromYaml(null, null, null, null, null);
        }

        private static void atLeastOne(String key, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("users.authFailures." + key + " must be at least 1, got " + value);
            }
        }

        private static void positive(String key, double value) {
            if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("users.authFailures." + key + " must be a number above 0, got "
                        + value);
            }
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
    public record S3(boolean embedded, String host, int port, String endpoint, String region, String bucket,
                     Path credentialsFile) {
        public static final int DEFAULT_PORT = 9000;
        private static final String DEFAULT_HOST = "127.0.0.1";
        private static final String DEFAULT_REGION = "us-east-1";
        private static final String DEFAULT_BUCKET = "drive-logs";

        public S3 {
            Objects.requireNonNull(host, "s3.host");
            Objects.requireNonNull(region, "s3.region");
            Objects.requireNonNull(bucket, "s3.bucket");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("s3.port must be 0 to 65535, got " + port);
            }
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("s3.bucket '" + bucket + "' is not a valid S3 bucket name "
                        + "(3-63 characters: lower-case letters, digits, dots and hyphens)");
            }
            if (embedded && (endpoint != null || credentialsFile != null)) {
                throw new IllegalArgumentException("s3.endpoint and s3.credentialsFile are for an external S3 "
                        + "(s3.embedded: false); the embedded one generates its credentials");
            }
        }

        @JsonCreator
        static S3 fromYaml(@JsonProperty("embedded") Boolean embedded, @JsonProperty("host") String host,
                           @JsonProperty("port") Integer port, @JsonProperty("endpoint") String endpoint,
                           @JsonProperty("region") String region, @JsonProperty("bucket") String bucket,
                           @JsonProperty("credentialsFile") Path credentialsFile) {
            return new S3(embedded == null || embedded, host != null ? host : DEFAULT_HOST,
                    port != null ? port : DEFAULT_PORT, endpoint, region != null ? region : DEFAULT_REGION,
                    bucket != null ? bucket : DEFAULT_BUCKET, credentialsFile);
        }

        /** The embedded store on 127.0.0.1:9000, bucket drive-logs in us-east-1. */
        public static S3 defaults() {
            return embeddedOn(DEFAULT_PORT);
        }

        /** The embedded store on 127.0.0.1:{@code port} (0: a free one). */
        public static S3 embeddedOn(int port) {
            return new S3(true, DEFAULT_HOST, port, null, DEFAULT_REGION, DEFAULT_BUCKET, null);
        }

        /**
         * An external S3-compatible endpoint (null: Amazon S3) signed in {@code region} (null: us-east-1) with the
         * profile default of {@code credentialsFile} (null: the AWS SDK's default chain).
         */
        public static S3 external(String endpoint, String region, String bucket, Path credentialsFile) {
            return fromYaml(false, null, null, endpoint, region, bucket, credentialsFile);
        }

        public S3 withPort(int newPort) {
            return new S3(embedded, host, newPort, endpoint, region, bucket, credentialsFile);
        }
    }

    /**
     * Drive-log ingest from {@code s3://<bucket>/raw/<vehicle>/...} into the catalog.
     *
     * @param enabled             run the poller and the workers in this service (default true)
     * @param pollInterval        pause between two listings of {@code raw/} (YAML {@code pollIntervalMillis},
     *                            default 1000)
     * @param workers             drive logs ingested at once by this instance (default 1); 0: this instance only
     *                            catalogs new objects and worker processes ({@code ./fleet ingest worker}) ingest
     * @param claim               the lease of a worker's claim on a drive log (YAML {@code claimSeconds}, default
     *                            30): renewed every third of it while the worker ingests, so a log being read never
     *                            expires; the log of a worker that died is taken over by another at most this long
     *                            after its last renewal
     * @param signalRoles         which decoded signals scenario detection and the trip summary read
     * @param sqs                 the production trigger: the bucket's S3 Event Notifications through SQS instead of
     *                            listing {@code raw/} (off unless {@code sqs.queueUrl} is set)
     * @param query               the limits of {@code POST /api/query}
     */
    public record Ingest(boolean enabled, Duration pollInterval, int workers, Duration claim,
                         SignalRoles signalRoles, Sqs sqs, Query query) {
        public Ingest {
            Objects.requireNonNull(signalRoles, "ingest.signalRoles");
            Objects.requireNonNull(sqs, "ingest.sqs");
            Objects.requireNonNull(query, "ingest.query");
            if (pollInterval.toMillis() < 10 || workers < 0 || claim.toSeconds() < 1) {
                throw new IllegalArgumentException("ingest: pollIntervalMillis must be >= 10, workers >= 0 and "
                        + "claimSeconds >= 1, got " + pollInterval.toMillis() + ", " + workers + ", "
                        + claim.toSeconds());
            }
        }

        @JsonCreator
        static Ingest fromYaml(@JsonProperty("enabled") Boolean enabled,
                               @JsonProperty("pollIntervalMillis") Integer pollIntervalMillis,
                               @JsonProperty("workers") Integer workers,
                               @JsonProperty("claimSeconds") Integer claimSeconds,
                               @JsonProperty("signalRoles") SignalRoles signalRoles, @JsonProperty("sqs") Sqs sqs,
                               @JsonProperty("query") Query query) {
            return new Ingest(enabled == null || enabled, Settings.millis(pollIntervalMillis, 1000),
                    workers != null ? workers : 1, Settings.seconds(claimSeconds, 30),
                    signalRoles != null ? signalRoles : SignalRoles.defaults(), sqs != null ? sqs : Sqs.off(),
                    query != null ? query : Query.defaults());
        }

        /** Listing {@code raw/} every second, one worker in this instance, claims of 30 s. */
        public static Ingest defaults() {
            return fromYaml(null, null, null, null, null, null, null);
        }

        public Ingest withPollInterval(Duration interval) {
            return new Ingest(enabled, interval, workers, claim, signalRoles, sqs, query);
        }

        public Ingest withWorkers(int count) {
            return new Ingest(enabled, pollInterval, count, claim, signalRoles, sqs, query);
        }

        public Ingest withClaim(Duration lease) {
            return new Ingest(enabled, pollInterval, workers, lease, signalRoles, sqs, query);
        }

        public Ingest withSqs(Sqs trigger) {
            return new Ingest(enabled, pollInterval, workers, claim, signalRoles, trigger, query);
        }

        public Ingest withQuery(Query limits) {
            return new Ingest(enabled, pollInterval, workers, claim, signalRoles, sqs, limits);
        }
    }

    /**
     * Limits of one {@code POST /api/query}.
     *
     * @param maxRows rows answered at most (default 10000; beyond them the answer says {@code truncated})
     * @param maxTime a query running longer is cancelled and answered 400 (YAML {@code maxSeconds}, default 30)
     */
    public record Query(int maxRows, Duration maxTime) {
        public Query {
            if (maxRows < 1 || maxTime.toSeconds() < 1) {
                throw new IllegalArgumentException("ingest.query: maxRows and maxSeconds must be >= 1, got "
                        + maxRows + ", " + maxTime.toSeconds());
            }
        }

        @JsonCreator
        static Query fromYaml(@JsonProperty("maxRows") Integer maxRows,
                              @JsonProperty("maxSeconds") Integer maxSeconds) {
            return new Query(maxRows != null ? maxRows : 10_000, Settings.seconds(maxSeconds, 30));
        }

        public static Query defaults() {
            return fromYaml(null, null);
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
     * @param longPoll        long-poll wait of one receive, whole seconds 0-20 (YAML {@code waitSeconds},
     *                        default 20)
     */
    public record Sqs(String queueUrl, String region, String endpoint, Path credentialsFile, Duration longPoll) {
        public static final int MAX_WAIT_SECONDS = 20;

        public Sqs {
            if (longPoll.isNegative() || longPoll.compareTo(Duration.ofSeconds(MAX_WAIT_SECONDS)) > 0
                    || longPoll.toMillisPart() != 0) {
                throw new IllegalArgumentException("ingest.sqs.waitSeconds must be 0 to 20 (SQS long polling), got "
                        + (longPoll.toMillisPart() == 0 ? String.valueOf(longPoll.toSeconds()) : longPoll.toString()));
            }
        }

        @JsonCreator
        static Sqs fromYaml(@JsonProperty("queueUrl") String queueUrl, @JsonProperty("region") String region,
                            @JsonProperty("endpoint") String endpoint,
                            @JsonProperty("credentialsFile") Path credentialsFile,
                            @JsonProperty("waitSeconds") Integer waitSeconds) {
            return new Sqs(queueUrl, region, endpoint, credentialsFile, Settings.seconds(waitSeconds,
                    MAX_WAIT_SECONDS));
        }

        /** No queue: the bucket is listed. */
        public static Sqs off() {
            return fromYaml(null, null, null, null, null);
        }

        /** The long-poll wait in whole seconds, as SQS takes it. */
        public int waitSeconds() {
            return (int) longPoll.toSeconds();
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

        /** Speed from a signal named Speed, heading from one named Heading. */
        public static SignalRoles defaults() {
            return new SignalRoles(null, null);
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
     * @param lease            a leased run whose rig sends no execution update (heartbeat) for this long is taken
     *                         back, its job cancelled, and queued for another rig (YAML {@code leaseSeconds},
     *                         default 60)
     * @param dispatchInterval the dispatcher's pass without any event to wake it (YAML
     *                         {@code dispatchIntervalMillis}, default 1000)
     */
    public record Campaigns(Duration lease, Duration dispatchInterval) {
        public Campaigns {
            if (lease.toSeconds() < 1 || dispatchInterval.toMillis() < 10) {
                throw new IllegalArgumentException("campaigns: leaseSeconds must be >= 1 and dispatchIntervalMillis "
                        + ">= 10, got " + lease.toSeconds() + ", " + dispatchInterval.toMillis());
            }
        }

        @JsonCreator
        static Campaigns fromYaml(@JsonProperty("leaseSeconds") Integer leaseSeconds,
                                  @JsonProperty("dispatchIntervalMillis") Integer dispatchIntervalMillis) {
            return new Campaigns(Settings.seconds(leaseSeconds, 60), Settings.millis(dispatchIntervalMillis, 1000));
        }

        public static Campaigns defaults() {
            return fromYaml(null, null);
        }

        public Campaigns withLease(Duration time) {
            return new Campaigns(time, dispatchInterval);
        }

        public Campaigns withDispatchInterval(Duration interval) {
            return new Campaigns(lease, interval);
        }
    }

    /** The conversions and checks the sections share. */
    private static final class Settings {
        private Settings() {
        }

        static Duration seconds(Integer yamlValue, int otherwise) {
            return Duration.ofSeconds(yamlValue != null ? yamlValue : otherwise);
        }

        static Duration millis(Integer yamlValue, int otherwise) {
            return Duration.ofMillis(yamlValue != null ? yamlValue : otherwise);
        }

        static void atLeast(String key, Duration value, Duration least) {
            if (value.compareTo(least) < 0) {
                throw new IllegalArgumentException(key + " must be at least " + least.toSeconds() + ", got "
                        + value.toSeconds());
            }
        }
    }
}
