package io.fleet.cloud.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudConfigTest {

    @TempDir
    Path dir;

    @Test
    void nothingConfiguredMeansEmbeddedDefaults() {
        CloudConfig config = CloudConfig.defaults();
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.mqtt().external()).isFalse();
        assertThat(config.mqtt().port()).isEqualTo(8883);
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.mqtt().brokerPersistence()).isEqualTo(BrokerPersistence.IN_MEMORY);
        assertThat(config.mqtt().shadowFrontend()).isEqualTo(ShadowFrontend.IN_BROKER);
        assertThat(config.caFile()).isEqualTo(Path.of("certs", "generated", "ca.pem"));
        assertThat(config.serviceKeyFile()).isEqualTo(Path.of("certs", "generated", "service", "private.key"));
    }

    @Test
    void yamlSetsWhatItNamesAndLeavesTheRestAtDefaults() throws IOException {
        Path yaml = Files.writeString(dir.resolve("cloud.yaml"), String.join("\n",
                "dataDir: /var/lib/fleet",
                "mqtt:",
                "  external: true",
                "  host: broker.example",
                "  sharedGroup: ''",
                "database:",
                "  jdbcUrl: jdbc:postgresql://db:5432/fleet",
                "  user: fleet",
                ""));
        CloudConfig config = CloudConfig.load(yaml);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/fleet"));
        assertThat(config.mqtt().external()).isTrue();
        assertThat(config.mqtt().host()).isEqualTo("broker.example");
        assertThat(config.mqtt().port()).isEqualTo(8883);
        assertThat(config.mqtt().sharedGroup()).isEmpty();
        assertThat(config.database().embedded()).isFalse();
        assertThat(config.database().user()).isEqualTo("fleet");
        assertThat(config.http().port()).isEqualTo(8080);
    }

    @Test
    void aMistypedKeyIsAnErrorNamingTheFileAndTheKey() throws IOException {
        Path yaml = Files.writeString(dir.resolve("typo.yaml"), "http:\n  prot: 9090\n");
        assertThatThrownBy(() -> CloudConfig.load(yaml)).isInstanceOf(IOException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("prot");
    }

    @Test
    void campaignLeasesAndDispatchHaveDefaultsAndAreSetUnderCampaigns() throws IOException {
        assertThat(CloudConfig.defaults().campaigns())
                .isEqualTo(new CampaignsConfig(Duration.ofMinutes(1), Duration.ofSeconds(1)));

        Path yaml = Files.writeString(dir.resolve("campaigns.yaml"), "campaigns: {leaseSeconds: 20}\n");
        assertThat(CloudConfig.load(yaml).campaigns())
                .isEqualTo(new CampaignsConfig(Duration.ofSeconds(20), Duration.ofSeconds(1)));
        Path bad = Files.writeString(dir.resolve("lease.yaml"), "campaigns: {leaseSeconds: 0}\n");
        assertThatThrownBy(() -> CloudConfig.load(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("lease.yaml").hasMessageContaining("campaigns: leaseSeconds must be >= 1");
    }

    @Test
    void tokenLifetimeAndAuthenticationThrottlingHaveDefaultsAndAreSetUnderUsers() throws IOException {
        UsersConfig defaults = CloudConfig.defaults().users();
        assertThat(defaults.tokenTtl()).isEqualTo(Duration.ofDays(90));
        assertThat(defaults.authFailures()).isEqualTo(TestConfig.authFailures().perAddress(20, 2.0)
                .global(1000, 100.0).trackedAddresses(50_000).build());

        Path yaml = Files.writeString(dir.resolve("users.yaml"), String.join("\n",
                "users:",
                "  tokenTtlDays: 0",
                "  authFailures: {addressBurst: 5, addressPerSecond: 0.5}",
                ""));
        UsersConfig users = CloudConfig.load(yaml).users();
        assertThat(users.tokenTtl()).as("0 = tokens never expire").isZero();
        assertThat(users.authFailures()).isEqualTo(TestConfig.authFailures().perAddress(5, 0.5)
                .global(1000, 100.0).trackedAddresses(50_000).build());
    }

    @Test
    void aBadThrottleOrLifetimeIsAnErrorNamingTheFileAndTheKey() throws IOException {
        Path rate = Files.writeString(dir.resolve("rate.yaml"), "users:\n  authFailures:\n    globalPerSecond: 0\n");
        assertThatThrownBy(() -> CloudConfig.load(rate)).isInstanceOf(IOException.class)
                .hasMessageContaining("rate.yaml").hasMessageContaining("line: ")
                .hasMessageContaining("users.authFailures.globalPerSecond must be a number above 0, got 0.0");
        Path ttl = Files.writeString(dir.resolve("ttl.yaml"), "users:\n  tokenTtlDays: -1\n");
        assertThatThrownBy(() -> CloudConfig.load(ttl)).isInstanceOf(IOException.class)
                .hasMessageContaining("ttl.yaml")
                .hasMessageContaining("users.tokenTtlDays must be 0 (never expire) to 3650, got -1");
    }

    @Test
    void aMissingFileIsAnError() {
        assertThatThrownBy(() -> CloudConfig.load(dir.resolve("absent.yaml"))).isInstanceOf(IOException.class)
                .hasMessageContaining("absent.yaml").hasMessageContaining("not found");
    }

    @Test
    void shadowRequestsGoThroughTheClientWithAnExternalBrokerAndInBrokerNeedsTheEmbeddedOne() {
        MqttConfig external = TestConfig.externalBroker("broker.example", 8883).build();
        assertThat(external.shadowFrontend()).isEqualTo(ShadowFrontend.CLIENT);
        assertThatThrownBy(() -> TestConfig.externalBroker("broker.example", 8883)
                .shadowFrontend(ShadowFrontend.IN_BROKER).build()).hasMessageContaining("needs the embedded broker");
    }

    @Test
    void mqttModesAreReadFromTheirYamlWords() throws IOException {
        Path yaml = Files.writeString(dir.resolve("cloud.yaml"), String.join("\n",
                "mqtt:",
                "  brokerPersistence: file",
                "  shadowFrontend: client",
                ""));
        MqttConfig mqtt = CloudConfig.load(yaml).mqtt();
        assertThat(mqtt.brokerPersistence()).isEqualTo(BrokerPersistence.FILE);
        assertThat(mqtt.shadowFrontend()).isEqualTo(ShadowFrontend.CLIENT);
    }

    @Test
    void anUnknownMqttModeFailsNamingTheFileTheKeyAndTheAllowedWords() throws IOException {
        Path frontend = Files.writeString(dir.resolve("frontend.yaml"), "mqtt:\n  shadowFrontend: plugin\n");
        assertThatThrownBy(() -> CloudConfig.load(frontend)).isInstanceOf(IOException.class)
                .hasMessageContaining("frontend.yaml")
                .hasMessageContaining("mqtt.shadowFrontend must be one of in-broker, client, got 'plugin'")
                .hasMessageContaining("line: 2");
        Path persistence = Files.writeString(dir.resolve("persistence.yaml"), "mqtt:\n  brokerPersistence: disk\n");
        assertThatThrownBy(() -> CloudConfig.load(persistence)).isInstanceOf(IOException.class)
                .hasMessageContaining("mqtt.brokerPersistence must be one of in-memory, file, got 'disk'");
    }

    @Test
    void theShadowBackendWordsOfEarlierVersionsStillLoadAndAnUnknownOneNamesFileLineKeyAndTheWords()
            throws IOException {
        assertThat(CloudConfig.defaults().vehicles().shadowBackend()).isEqualTo(ShadowBackendKind.LOCAL);
        Path aws = Files.writeString(dir.resolve("aws.yaml"), "vehicles:\n  shadowBackend: aws\n  awsRegion: "
                + "eu-west-1\n");
        assertThat(CloudConfig.load(aws).vehicles().shadowBackend()).isEqualTo(ShadowBackendKind.AWS);
        Path local = Files.writeString(dir.resolve("local.yaml"), "vehicles:\n  shadowBackend: local\n");
        assertThat(CloudConfig.load(local).vehicles().shadowBackend()).isEqualTo(ShadowBackendKind.LOCAL);

        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "vehicles:\n  shadowBackend: dynamo\n");
        assertThatThrownBy(() -> CloudConfig.load(unknown)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown.yaml").hasMessageContaining("line: 2")
                .hasMessageContaining("vehicles.shadowBackend must be one of local, aws, got 'dynamo'");
    }

    @Test
    void s3IsTheEmbeddedStoreOnPort9000WithBucketDriveLogsUnlessConfiguredOtherwise() throws IOException {
        S3Config defaults = CloudConfig.defaults().s3();
        assertThat(defaults.embedded()).isTrue();
        assertThat(defaults.port()).isEqualTo(9000);
        assertThat(defaults.region()).isEqualTo("us-east-1");
        assertThat(defaults.bucket()).isEqualTo("drive-logs");
        Path yaml = Files.writeString(dir.resolve("s3.yaml"), String.join("\n",
                "s3: {embedded: false, endpoint: 'https://s3.eu-west-1.amazonaws.com', region: eu-west-1,",
                "     bucket: fleet-logs, credentialsFile: /etc/fleet/aws-credentials}",
                "ingest: {pollIntervalMillis: 250, workers: 2}"));
        CloudConfig config = CloudConfig.load(yaml);
        assertThat(config.s3()).isEqualTo(new S3Config(false, "127.0.0.1", 9000,
                "https://s3.eu-west-1.amazonaws.com", "eu-west-1", "fleet-logs",
                Path.of("/etc/fleet/aws-credentials")));
        assertThat(config.ingest()).isEqualTo(IngestConfig.defaults().withPollInterval(Duration.ofMillis(250))
                .withWorkers(2));
    }

    @Test
    void queryLimitsAndTheSqsTriggerAreReadFromTheFileAndABadValueNamesTheFileAndTheKey() throws IOException {
        assertThat(CloudConfig.defaults().ingest().query())
                .isEqualTo(new QueryConfig(10_000, Duration.ofSeconds(30)));
        assertThat(CloudConfig.defaults().ingest().sqs().enabled()).isFalse();
        Path yaml = Files.writeString(dir.resolve("query.yaml"), String.join("\n",
                "ingest:",
                "  query: {maxRows: 500, maxSeconds: 5}",
                "  sqs: {queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', region: eu-west-1, waitSeconds: 10}"));
        IngestConfig ingest = CloudConfig.load(yaml).ingest();
        assertThat(ingest.query()).isEqualTo(new QueryConfig(500, Duration.ofSeconds(5)));
        assertThat(ingest.sqs()).isEqualTo(new SqsConfig("https://sqs.eu-west-1.amazonaws.com/1/q",
                "eu-west-1", null, null, Duration.ofSeconds(10)));
        assertThat(ingest.sqs().enabled()).isTrue();
        Path rows = Files.writeString(dir.resolve("rows.yaml"), "ingest: {query: {maxRows: 0}}\n");
        assertThatThrownBy(() -> CloudConfig.load(rows)).isInstanceOf(IOException.class)
                .hasMessageContaining("rows.yaml").hasMessageContaining("ingest.query: maxRows and maxSeconds");
        Path wait = Files.writeString(dir.resolve("wait.yaml"), "ingest: {sqs: {waitSeconds: 30}}\n");
        assertThatThrownBy(() -> CloudConfig.load(wait)).isInstanceOf(IOException.class)
                .hasMessageContaining("wait.yaml").hasMessageContaining("ingest.sqs.waitSeconds must be 0 to 20");
    }

    @Test
    void ingestWorkersZeroLeavesTheIngestToWorkerProcessesAndANegativeCountIsAnErrorNamingTheFile()
            throws IOException {
        Path none = Files.writeString(dir.resolve("catalog-only.yaml"), "ingest: {workers: 0, claimSeconds: 10}\n");
        assertThat(CloudConfig.load(none).ingest())
                .isEqualTo(IngestConfig.defaults().withWorkers(0).withClaim(Duration.ofSeconds(10)));
        Path negative = Files.writeString(dir.resolve("negative.yaml"), "ingest: {workers: -1}\n");
        assertThatThrownBy(() -> CloudConfig.load(negative)).isInstanceOf(IOException.class)
                .hasMessageContaining("negative.yaml").hasMessageContaining("workers >= 0");
    }

    @Test
    void aBadBucketNameOrAnEndpointForTheEmbeddedStoreIsAnErrorNamingTheFileAndTheKey() throws IOException {
        Path bucket = Files.writeString(dir.resolve("bucket.yaml"), "s3: {bucket: Drive_Logs}\n");
        assertThatThrownBy(() -> CloudConfig.load(bucket)).isInstanceOf(IOException.class)
                .hasMessageContaining("bucket.yaml").hasMessageContaining("s3.bucket 'Drive_Logs' is not a valid");
        Path endpoint = Files.writeString(dir.resolve("endpoint.yaml"), "s3: {endpoint: 'http://minio:9000'}\n");
        assertThatThrownBy(() -> CloudConfig.load(endpoint)).isInstanceOf(IOException.class)
                .hasMessageContaining("endpoint.yaml").hasMessageContaining("s3.embedded: false");
    }

    @Test
    void theOwnerAppsMapTilesAreATemplateWhoseOriginTheAppMayLoadImagesFrom() throws IOException {
        assertThat(CloudConfig.defaults().app().tilesOrigin()).isEmpty();
        Path yaml = Files.writeString(dir.resolve("app.yaml"),
                "app: {mapTiles: 'https://Tile.OpenStreetMap.org/{z}/{x}/{y}.png'}\n");
        assertThat(CloudConfig.load(yaml).app().tilesOrigin()).hasValue("https://tile.openstreetmap.org");
        assertThat(new AppConfig("http://127.0.0.1:8089/tiles/{z}/{x}/{y}.png?key=k").tilesOrigin())
                .hasValue("http://127.0.0.1:8089");
        for (String bad : new String[] {"https://tiles.example/{z}/{x}.png", "ftp://tiles.example/{z}/{x}/{y}.png",
                "/tiles/{z}/{x}/{y}.png", "https://user@tiles.example/{z}/{x}/{y}.png"}) {
            Path file = Files.writeString(dir.resolve("bad-tiles.yaml"), "# the map\napp: {mapTiles: '" + bad + "'}\n");
            assertThatThrownBy(() -> CloudConfig.load(file)).as(bad).isInstanceOf(IOException.class)
                    .hasMessageContaining("bad-tiles.yaml").hasMessageContaining("line: 2")
                    .hasMessageContaining("app.mapTiles must be an http(s) URL template with {z}, {x} and {y}");
        }
    }

    @Test
    void scenarioSignalRolesDefaultToSpeedAndHeadingAndTakeOtherNamesFromTheFile() throws IOException {
        assertThat(CloudConfig.defaults().ingest().signalRoles())
                .isEqualTo(new SignalRolesConfig(List.of("Speed"), List.of("Heading")));
        Path yaml = Files.writeString(dir.resolve("roles.yaml"),
                "ingest: {signalRoles: {speed: [Speed, WheelBasedVehicleSpeed]}}\n");
        assertThat(CloudConfig.load(yaml).ingest().signalRoles()).isEqualTo(new SignalRolesConfig(
                List.of("Speed", "WheelBasedVehicleSpeed"), List.of("Heading")));
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "ingest: {signalRoles: {sped: [Speed]}}\n");
        assertThatThrownBy(() -> CloudConfig.load(typo)).isInstanceOf(IOException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("sped");
    }

    /**
     * A file written for earlier versions, with every key that is now a duration, a primitive or an enum, still loads
     * to the same values: durations from their {@code ...Seconds}, {@code ...Millis} and {@code ...Days} keys.
     */
    @Test
    void aFileWithTheKeysOfEarlierVersionsGivesTypedValues() throws IOException {
        Path yaml = Files.writeString(dir.resolve("old-keys.yaml"), String.join("\n",
                "mqtt: {external: true, host: broker.example, port: 1883, sharedGroup: '', brokerPersistence: file}",
                "http: {host: 0.0.0.0, port: 9090, allowUnsigned: true, tls: true}",
                "database: {jdbcUrl: 'jdbc:postgresql://db/fleet', poolSize: 3, unsafeFastCommits: true}",
                "shadow: {commitLanes: 2, maxBatch: 64, queueLimit: 500, cachedShadows: 0}",
                "vehicles: {shadowBackend: aws, commandTimeoutSeconds: 45, maxCommandExpirySeconds: 3600}",
                "alexa: {verify: false}",
                "users: {tokenTtlDays: 7}",
                "s3: {port: 0}",
                "ingest:",
                "  enabled: false",
                "  pollIntervalMillis: 1500",
                "  workers: 3",
                "  claimSeconds: 90",
                "  query: {maxSeconds: 12}",
                "  sqs: {queueUrl: 'http://127.0.0.1:9324/000000000000/raw', waitSeconds: 0}",
                "campaigns: {leaseSeconds: 45, dispatchIntervalMillis: 250}",
                ""));

        CloudConfig config = CloudConfig.load(yaml);

        assertThat(config.mqtt()).isEqualTo(TestConfig.externalBroker("broker.example", 1883).sharedGroup("")
                .brokerPersistence(BrokerPersistence.FILE).build());
        assertThat(config.mqtt().shadowFrontend()).isEqualTo(ShadowFrontend.CLIENT);
        assertThat(config.http()).isEqualTo(HttpConfig.on("0.0.0.0", 9090).withAllowUnsigned(true)
                .withTls(null, null));
        assertThat(config.database()).isEqualTo(DatabaseConfig.server("jdbc:postgresql://db/fleet", null, null, 3)
                .withUnsafeFastCommits(true));
        assertThat(config.shadow()).isEqualTo(new ShadowConfig(2, 64, 500, 0));
        assertThat(config.vehicles()).isEqualTo(VehiclesConfig.defaults().withAwsShadows(null, null)
                .withCommandTimeout(Duration.ofSeconds(45)).withMaxCommandExpiry(Duration.ofHours(1)));
        assertThat(config.alexa()).isEqualTo(AlexaConfig.unverified());
        assertThat(config.users().tokenTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.s3()).isEqualTo(S3Config.embeddedOn(0));
        IngestConfig ingest = config.ingest();
        assertThat(ingest.enabled()).isFalse();
        assertThat(ingest.pollInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(ingest.workers()).isEqualTo(3);
        assertThat(ingest.claim()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ingest.query()).isEqualTo(new QueryConfig(10_000, Duration.ofSeconds(12)));
        assertThat(ingest.sqs().longPoll()).isZero();
        assertThat(config.campaigns())
                .isEqualTo(new CampaignsConfig(Duration.ofSeconds(45), Duration.ofMillis(250)));
    }

    @Test
    void theTypedNamesAreNotYamlKeysSoAFileKeepsOneSpellingPerKey() throws IOException {
        Path yaml = Files.writeString(dir.resolve("new-name.yaml"), "ingest: {pollInterval: 1500}\n");
        assertThatThrownBy(() -> CloudConfig.load(yaml)).isInstanceOf(IOException.class)
                .hasMessageContaining("new-name.yaml").hasMessageContaining("pollInterval")
                .hasMessageContaining("pollIntervalMillis");
    }

    @Test
    void aSubSecondSqsWaitIsRefusedBecauseSqsTakesWholeSeconds() {
        assertThatThrownBy(() -> new SqsConfig(null, null, null, null, Duration.ofMillis(1500)))
                .hasMessageContaining("ingest.sqs.waitSeconds must be 0 to 20");
    }
}
