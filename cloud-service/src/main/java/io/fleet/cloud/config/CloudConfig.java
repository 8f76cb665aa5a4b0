package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
public record CloudConfig(Path dataDir, Path certsDir, MqttConfig mqtt, HttpConfig http, DatabaseConfig database,
                          ShadowConfig shadow, VehiclesConfig vehicles, AlexaConfig alexa, UsersConfig users,
                          S3Config s3, IngestConfig ingest, AppConfig app, CampaignsConfig campaigns) {

    public CloudConfig {
        dataDir = dataDir != null ? dataDir : Path.of("data");
        certsDir = certsDir != null ? certsDir : Path.of("certs", "generated");
        mqtt = mqtt != null ? mqtt : MqttConfig.defaults();
        http = http != null ? http : HttpConfig.defaults();
        database = database != null ? database : DatabaseConfig.defaults();
        shadow = shadow != null ? shadow : ShadowConfig.defaults();
        vehicles = vehicles != null ? vehicles : VehiclesConfig.defaults();
        alexa = alexa != null ? alexa : AlexaConfig.defaults();
        users = users != null ? users : UsersConfig.defaults();
        s3 = s3 != null ? s3 : S3Config.defaults();
        ingest = ingest != null ? ingest : IngestConfig.defaults();
        app = app != null ? app : AppConfig.defaults();
        campaigns = campaigns != null ? campaigns : CampaignsConfig.defaults();
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

    public CloudConfig withUsers(UsersConfig u) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                u, s3, ingest, app, campaigns);
    }

    public CloudConfig withVehicles(VehiclesConfig v) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, v, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withAlexa(AlexaConfig a) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, a,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withS3(S3Config s) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s, ingest, app, campaigns);
    }

    public CloudConfig withApp(AppConfig a) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, ingest, a, campaigns);
    }

    public CloudConfig withIngest(IngestConfig i) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, i, app, campaigns);
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

    public CloudConfig withMqtt(MqttConfig m) {
        return new CloudConfig(dataDir, certsDir, m, http, database, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withHttp(HttpConfig h) {
        return new CloudConfig(dataDir, certsDir, mqtt, h, database, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withShadow(ShadowConfig s) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, s, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withDatabase(DatabaseConfig d) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, d, shadow, vehicles, alexa,
                users, s3, ingest, app, campaigns);
    }

    public CloudConfig withCampaigns(CampaignsConfig c) {
        return new CloudConfig(dataDir, certsDir, mqtt, http, database, shadow, vehicles, alexa,
                users, s3, ingest, app, c);
    }
}
