package io.fleet.cloud.campaigns;

import static io.fleet.cloud.campaigns.CampaignTestCloud.OUTPUTS;
import static io.fleet.cloud.campaigns.CampaignTestCloud.allRuns;
import static io.fleet.cloud.campaigns.CampaignTestCloud.rig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.config.IngestConfig;
import io.fleet.cloud.ingest.ScenarioIngestIT;
import io.fleet.cloud.registry.RegistryClients;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Campaigns over the drive-log catalog, with a drive really ingested from the embedded S3: a catalog query makes one
 * run per scenario replaying its span with margin, an explicit UTC window becomes seek/window from the first frame,
 * the drive log's page lists the runs that used it, and the catalog row cannot be deleted while they refer to it.
 */
class CampaignCatalogIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void catalogRunsReplayTheirWindowAndTheDriveLogListsThem() throws Exception {
        try (RunningCloud cloud = RunningCloud.start(c -> c.withCampaigns(CampaignsIT.FAST)
                .withIngest(IngestConfig.defaults()
                .withPollInterval(Duration.ofMillis(100)).withClaim(Duration.ofMinutes(5))));
             IotClient iot = RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback")) {
            AppApiClient admin = new AppApiClient(cloud.httpBase(),
                    cloud.service().tokenFiles().read("admin").orElseThrow());
            upload(cloud, "dbc/car-camp/motion.dbc", ScenarioIngestIT.DBC.formatted("km/h").getBytes(
                    StandardCharsets.US_ASCII));
            upload(cloud, "raw/car-camp/drive.log", ScenarioIngestIT.drive());
            JsonNode log = awaitIngested(admin, "car-camp");
            long logId = log.path("id").asLong();
            JsonNode braking = null;
            for (JsonNode scenario : log.path("scenarios")) {
                if (scenario.path("type").asText().equals("hard-braking")) {
                    braking = scenario;
                }
            }
            assertThat(braking).as("the drive's hard braking").isNotNull();
            Instant first = Instant.parse(log.path("start").asText());
            Instant brakingStart = Instant.parse(braking.path("start").asText());
            Instant brakingEnd = Instant.parse(braking.path("end").asText());

            AppApiClient.Reply byScenario = admin.post("/api/campaigns", "{\"name\": \"brakes\", \"scenarios\": "
                    + "{\"type\": \"hard-braking\", \"vehicle\": \"car-camp\"}, \"outputs\": " + OUTPUTS
                    + "}");
            Instant from = Instant.ofEpochSecond(ScenarioIngestIT.T0 + 10);
            AppApiClient.Reply byWindow = admin.post("/api/campaigns", "{\"name\": \"window\", \"runs\": [{"
                    + "\"driveLogId\": " + logId + ", \"window\": {\"from\": \"" + from + "\", \"to\": \""
                    + from.plusSeconds(10) + "\"}}], \"outputs\": " + OUTPUTS + "}");
            AppApiClient.Reply early = admin.post("/api/campaigns", "{\"name\": \"early\", \"runs\": [{"
                    + "\"driveLogId\": " + logId + ", \"window\": {\"from\": \"" + first.minusSeconds(60) + "\", "
                    + "\"to\": \"" + first + "\"}}], \"outputs\": " + OUTPUTS + "}");
            assertThat(byScenario.status()).as(byScenario.body().toString()).isEqualTo(201);
            assertThat(byWindow.status()).as(byWindow.body().toString()).isEqualTo(201);
            assertThat(early.status()).isEqualTo(400);
            assertThat(early.body().path("message").asText()).contains("runs[0].window.from: ",
                    "is before the log's first frame");

            try (SimulatedRig rig = rig(cloud, iot, "catalog-rig", SimulatedRig.Behaviour.PASS, "can")) {
                JsonNode scenarioDocument = rig.nextDocument(WAIT.toSeconds());
                JsonNode windowDocument = rig.nextDocument(WAIT.toSeconds());

                assertThat(scenarioDocument.path("driveLog").asText()).isEqualTo("s3://drive-logs/raw/car-camp/"
                        + "drive.log");
                assertThat(scenarioDocument.path("sha256").asText()).isEqualTo(log.path("sha256").asText());
                assertThat(scenarioDocument.path("seek").asDouble()).isCloseTo(seconds(first, brakingStart) - 5,
                        within(0.001));
                assertThat(scenarioDocument.path("window").asDouble()).isCloseTo(seconds(brakingStart, brakingEnd)
                        + 10, within(0.001));
                assertThat(windowDocument.path("seek").asDouble()).isCloseTo(seconds(first, from), within(0.001));
                assertThat(windowDocument.path("window").asDouble()).isEqualTo(10.0);
                JsonNode run = CampaignTestCloud.await(admin, byScenario.body().path("id").asLong(),
                        allRuns("PASSED")).path("runs").get(0);
                assertThat(run.path("scenario").path("type").asText()).isEqualTo("hard-braking");
                assertThat(run.path("driveLog").path("id").asLong()).isEqualTo(logId);
                assertThat(run.path("driveLog").path("dbcs")).singleElement().satisfies(dbc -> {
                    assertThat(dbc.path("key").asText()).isEqualTo("dbc/car-camp/motion.dbc");
                    assertThat(dbc.path("sha256").asText()).isEqualTo(log.path("dbcs").get(0).path("sha256")
                            .asText());
                });
                CampaignTestCloud.await(admin, byWindow.body().path("id").asLong(), allRuns("PASSED"));
            }

            JsonNode detail = admin.get("/api/drive-logs/" + logId).body();
            assertThat(detail.path("runs")).hasSize(2).allSatisfy(run -> {
                assertThat(run.path("verdict").asText()).isEqualTo("PASS");
                assertThat(run.path("rig").asText()).isEqualTo("catalog-rig");
            });
            DatabaseConfig db = cloud.service().databaseSettings();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 PreparedStatement unlink = c.prepareStatement("DELETE FROM drive_log_objects WHERE drive_log_id = ?");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM drive_logs WHERE id = ?")) {
                c.setAutoCommit(false); // the object rows go only to reach the runs' reference; rolled back below
                unlink.setLong(1, logId);
                unlink.executeUpdate();
                delete.setLong(1, logId);
                assertThatThrownBy(delete::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("campaign_runs");
                c.rollback();
            }
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static void upload(RunningCloud cloud, String key, byte[] bytes) {
        cloud.service().driveLogBucket().client().putObject(p -> p.bucket("drive-logs").key(key),
                RequestBody.fromBytes(bytes));
    }

    /** The drive log's detail once the vehicle's one drive log is INGESTED. */
    private static JsonNode awaitIngested(AppApiClient admin, String vehicle) {
        return await("the drive of " + vehicle + " ingested").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode logs = admin.get("/api/drive-logs?vehicle=" + vehicle).body().path("driveLogs");
                    return logs.size() == 1 ? admin.get("/api/drive-logs/" + logs.get(0).path("id").asLong()).body()
                            : logs;
                }, detail -> detail.path("status").asText().equals("INGESTED"));
    }
}
