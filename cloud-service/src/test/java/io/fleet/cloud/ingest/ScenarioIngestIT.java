package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.users.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenarios end to end through the real S3Proxy bucket and PostgreSQL: a generated candump drive of 92 s with a
 * small DBC (Speed in km/h, Heading in degrees) that holds every scenario type, found through the API by type,
 * vehicle and time, seen only by its owner and admins, and reprocessed after a DBC change.
 */
public class ScenarioIngestIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    public static final long T0 = 1_701_363_725L; // 2023-11-30T17:02:05Z
    /** Motion: Speed (unit as formatted in) and Heading; the DBC of {@link #drive()}. */
    public static final String DBC = """
            VERSION ""
            BU_:
            BO_ 256 Motion: 4 Vector__XXX
             SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "%s" Vector__XXX
             SG_ Heading : 16|16@1+ (0.01,0) [0|360] "deg" Vector__XXX
            """;

    private static IngestTestCloud ingest;

    @BeforeAll
    static void start() throws Exception {
        ingest = IngestTestCloud.start(1);
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    /** km/h at {@code t} s: stand 12 s, up to 120, hold, brake to 60 in 2 s, two turns, roll to a stop, stand. */
    static double speed(double t) {
        if (t < 12) {
            return 0;
        } else if (t < 20) {
            return 15 * (t - 12);
        } else if (t < 28) {
            return 120;
        } else if (t < 30) {
            return 120 - 30 * (t - 28);
        } else if (t < 60) {
            return 60;
        } else if (t < 80) {
            return 60 - 3 * (t - 60);
        }
        return 0;
    }

    /** Degrees at {@code t} s: 300, right across north to 30 (35-41 s), left back across north to 300 (46-52 s). */
    static double heading(double t) {
        if (t < 35 || t >= 52) {
            return 300;
        } else if (t < 41) {
            return (300 + 15 * (t - 35)) % 360;
        } else if (t < 46) {
            return 30;
        }
        return (30 - 15 * (t - 46) + 360) % 360;
    }

    /** The drive as candump -l writes it, one Motion frame every 100 ms. */
    public static byte[] drive() {
        StringBuilder log = new StringBuilder();
        for (int tenth = 0; tenth < 920; tenth++) {
            double t = tenth / 10.0;
            int speed = (int) Math.round(speed(t) / 0.01);
            int heading = (int) Math.round(heading(t) / 0.01);
            log.append(String.format(Locale.ROOT, "(%d.%06d) can0 100#%02X%02X%02X%02X%n", T0 + tenth / 10,
                    (tenth % 10) * 100_000, speed & 0xFF, speed >> 8, heading & 0xFF, heading >> 8));
        }
        return log.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static JsonNode awaitDetail(String vehicle, Predicate<JsonNode> done) throws Exception {
        return await("the drive log of " + vehicle + " done").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode logs = ingest.admin().get("/api/drive-logs?vehicle=" + vehicle).body().get("driveLogs");
                    return logs.size() != 1 ? null
                            : ingest.admin().get("/api/drive-logs/" + logs.get(0).get("id").asLong()).body();
                }, detail -> detail != null && done.test(detail));
    }

    private static boolean ingested(JsonNode detail) {
        return detail.get("status").asText().equals("INGESTED");
    }

    private static List<String> types(JsonNode scenarios) {
        List<String> types = new ArrayList<>();
        scenarios.forEach(s -> types.add(s.get("type").asText()));
        return types;
    }

    private static Instant at(double seconds) {
        return Instant.ofEpochSecond(T0).plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void everyScenarioTypeIsFoundInTheDriveAndFindableByTypeVehicleAndTime() throws Exception {
        ingest.upload("dbc/car-scen/motion.dbc", DBC.formatted("km/h").getBytes(StandardCharsets.US_ASCII));
        ingest.upload("raw/car-scen/drive.log", drive());

        JsonNode log = awaitDetail("car-scen", ScenarioIngestIT::ingested);
        long id = log.get("id").asLong();
        assertThat(types(log.get("scenarios"))).as("%s", log.get("scenarios")).containsExactly("standstill",
                "high-speed", "hard-braking", "right-turn", "left-turn", "standstill");
        JsonNode braking = log.get("scenarios").get(2);
        // -8.33 m/s² from 28 s to 30 s: windows of 1 s drop 3 m/s from 28 - 0.64 s to 30 + 0.64 s
        assertThat(Instant.parse(braking.get("start").asText())).isBetween(at(27.3), at(27.4));
        assertThat(Instant.parse(braking.get("end").asText())).isBetween(at(30.6), at(30.7));
        assertThat(braking.get("values").get("maxDropInOneSecond").asDouble()).isCloseTo(30 / 3.6, within(0.01));
        JsonNode right = log.get("scenarios").get(3);
        assertThat(right.get("values").get("startHeading").asDouble()).isCloseTo(300, within(0.01));
        assertThat(right.get("values").get("endHeading").asDouble()).isCloseTo(30, within(0.01));
        // the catalog keeps the DBC's unit; detection and the trip summary use m/s
        assertThat(log.get("signals").toString()).contains("\"signal\":\"Speed\",\"unit\":\"km/h\"");
        JsonNode trip = log.get("trip");
        assertThat(trip.get("distanceMetres").asDouble()).isCloseTo(1116.67, within(1.0));
        assertThat(trip.get("durationSeconds").asDouble()).isCloseTo(91.9, within(1e-6));
        assertThat(trip.get("maxSpeed").asDouble()).isCloseTo(120 / 3.6, within(1e-3));

        AppApiClient admin = ingest.admin();
        JsonNode byScenario = admin.get("/api/drive-logs?scenario=left-turn&vehicle=car-scen").body();
        assertThat(byScenario.get("driveLogs")).singleElement().satisfies(l -> assertThat(l.get("id").asLong())
                .isEqualTo(id));
        assertThat(admin.get("/api/drive-logs?scenario=left-turn&from=2023-12-01T00:00:00Z").body()
                .get("driveLogs").toString()).doesNotContain("\"id\":" + id + ",");
        JsonNode found = admin.get("/api/scenarios?type=hard-braking&vehicle=car-scen").body().get("scenarios");
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.get("driveLogId").asLong()).isEqualTo(id);
            assertThat(s.get("vehicle").asText()).isEqualTo("car-scen");
            assertThat(s.get("start").asText()).isEqualTo(braking.get("start").asText());
        });
        // overlap: only the second standstill (79.64 s, below 0.3 m/s, to the end) reaches past 85 s
        JsonNode late = admin.get("/api/scenarios?type=standstill&vehicle=car-scen&from=" + at(85)).body();
        assertThat(late.get("scenarios")).singleElement().satisfies(s -> assertThat(Instant.parse(
                s.get("start").asText())).isBetween(at(79.6), at(79.7)));
        assertThat(admin.get("/api/scenarios?type=u-turn").status()).isEqualTo(400);
        assertThat(admin.get("/api/scenarios?type=u-turn").body().get("message").asText())
                .isEqualTo("type must be one of [hard-braking, high-speed, standstill, left-turn, right-turn], got "
                        + "'u-turn'");
        assertThat(admin.get("/api/drive-logs?scenario=u-turn").status()).isEqualTo(400);
        assertThat(admin.get("/api/scenarios?from=soon").status()).isEqualTo(400);
    }

    @Test
    void ownersFindOnlyTheirVehiclesScenariosAndMayNotReprocess() throws Exception {
        ingest.upload("dbc/car-scen-own/motion.dbc", DBC.formatted("km/h").getBytes(StandardCharsets.US_ASCII));
        ingest.upload("raw/car-scen-own/drive.log", drive());
        long id = awaitDetail("car-scen-own", ScenarioIngestIT::ingested).get("id").asLong();
        AppApiClient stranger = new AppApiClient(ingest.cloud().httpBase(), ingest.cloud().service().users()
                .createUser("scen-stranger", User.Role.OWNER, List.of("car-elsewhere"), Duration.ZERO).secret());
        AppApiClient owner = new AppApiClient(ingest.cloud().httpBase(), ingest.cloud().service().users()
                .createUser("scen-owner", User.Role.OWNER, List.of("car-scen-own"), Duration.ZERO).secret());

        assertThat(stranger.get("/api/scenarios?type=high-speed").body().get("scenarios")).isEmpty();
        assertThat(stranger.get("/api/drive-logs?scenario=high-speed").body().get("driveLogs")).isEmpty();
        assertThat(owner.get("/api/scenarios?type=high-speed").body().get("scenarios"))
                .extracting(s -> s.get("vehicle").asText()).containsOnly("car-scen-own").isNotEmpty();
        AppApiClient.Reply refused = owner.post("/api/drive-logs/" + id + "/reprocess", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(owner.post("/api/drive-logs/reprocess", "{\"vehicle\":\"car-scen-own\"}").status())
                .isEqualTo(403);
        assertThat(owner.get("/api/ingest/status").status()).isEqualTo(403);
        assertThat(new AppApiClient(ingest.cloud().httpBase(), "").get("/api/scenarios").status()).isEqualTo(401);
    }

    @Test
    void reprocessingAfterADbcChangeReadsTheLogAgainWithTheNewDbcUnderTheSameId() throws Exception {
        ingest.upload("dbc/car-scen-re/motion.dbc", DBC.formatted("km/h").getBytes(StandardCharsets.US_ASCII));
        ingest.upload("raw/car-scen-re/drive.log", drive());
        JsonNode before = awaitDetail("car-scen-re", ScenarioIngestIT::ingested);
        long id = before.get("id").asLong();
        List<String> derived = new ArrayList<>();
        before.get("derivedObjects").forEach(k -> derived.add(k.asText()));
        assertThat(derived).hasSize(1);

        // the same raw numbers read as m/s: 120 "km/h" becomes 120 m/s, and the standstills stay
        ingest.upload("dbc/car-scen-re/motion.dbc", DBC.formatted("m/s").getBytes(StandardCharsets.US_ASCII));
        AppApiClient.Reply reply = ingest.admin().post("/api/drive-logs/reprocess", "{\"vehicle\":\"car-scen-re\"}");
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().get("reprocessing").toString()).isEqualTo("[" + id + "]");

        JsonNode after = awaitDetail("car-scen-re", d -> ingested(d)
                && d.get("trip").get("maxSpeed").asDouble() > 100);
        assertThat(after.get("id").asLong()).isEqualTo(id);
        assertThat(after.get("trip").get("maxSpeed").asDouble()).isCloseTo(120, within(1e-6));
        assertThat(after.get("signals").toString()).contains("\"signal\":\"Speed\",\"unit\":\"m/s\"");
        assertThat(after.get("dbcs").get(0).get("sha256").asText())
                .isNotEqualTo(before.get("dbcs").get(0).get("sha256").asText());
        assertThat(after.get("derivedObjects").get(0).asText()).isEqualTo(derived.get(0));
        assertThat(types(after.get("scenarios"))).startsWith("standstill", "high-speed");
        assertThat(after.get("scenarios").get(1).get("values").get("maxSpeed").asDouble()).isCloseTo(120,
                within(1e-6));

        assertThat(ingest.admin().post("/api/drive-logs/999999999/reprocess", "").status()).isEqualTo(404);
        assertThat(ingest.admin().post("/api/drive-logs/reprocess", "{}").status()).isEqualTo(400);
        JsonNode status = ingest.admin().get("/api/ingest/status").body();
        assertThat(status.get("counts").get("INGESTED").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(status.get("counts").has("FAILED")).isTrue();
    }

    private static AppApiClient.Reply query(AppApiClient client, String sql) throws Exception {
        return client.post("/api/query", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("sql", sql).toString());
    }

    @Test
    void queryAnswersASingleSelectOverDriveLogsSignalsAndScenariosOfTheVehiclesTheUserMaySee() throws Exception {
        ingest.upload("dbc/car-sql/motion.dbc", DBC.formatted("km/h").getBytes(StandardCharsets.US_ASCII));
        ingest.upload("raw/car-sql/drive.log", drive());
        long id = awaitDetail("car-sql", ScenarioIngestIT::ingested).get("id").asLong();
        AppApiClient admin = ingest.admin();

        JsonNode speed = query(admin, "SELECT count(*) AS n, max(value) AS top, min(time) AS first FROM signals "
                + "WHERE vehicle = 'car-sql' AND signal = 'Speed'").body();
        assertThat(speed.get("columns").toString()).isEqualTo("[\"n\",\"top\",\"first\"]");
        assertThat(speed.get("rows").get(0).get(0).asLong()).isEqualTo(920);
        assertThat(speed.get("rows").get(0).get(1).asDouble()).isCloseTo(120, within(1e-9));
        assertThat(Instant.parse(speed.get("rows").get(0).get(2).asText())).isEqualTo(at(0));
        JsonNode logs = query(admin, "SELECT id, key, status, frames FROM drive_logs WHERE vehicle = 'car-sql'")
                .body();
        assertThat(logs.get("rows").toString()).isEqualTo("[[" + id + ",\"raw/car-sql/drive.log\",\"INGESTED\","
                + "920]]");
        JsonNode scenarios = query(admin, "SELECT type FROM scenarios WHERE drive_log_id = " + id
                + " ORDER BY start").body();
        assertThat(scenarios.get("rows").toString()).isEqualTo("[[\"standstill\"],[\"high-speed\"],"
                + "[\"hard-braking\"],[\"right-turn\"],[\"left-turn\"],[\"standstill\"]]");
        JsonNode many = query(admin, "SELECT * FROM range(20000)").body();
        assertThat(many.get("rows").size()).isEqualTo(10_000);
        assertThat(many.get("truncated").asBoolean()).isTrue();

        AppApiClient.Reply delete = query(admin, "DELETE FROM drive_logs");
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.body().get("message").asText()).startsWith("only a single SELECT is accepted: ");
        AppApiClient.Reply two = query(admin, "SELECT 1; DROP TABLE drive_logs");
        assertThat(two.status()).isEqualTo(400);
        AppApiClient.Reply file = query(admin, "SELECT * FROM read_csv('/etc/passwd')");
        assertThat(file.status()).isEqualTo(400);
        assertThat(file.body().get("message").asText()).startsWith("the query failed: ");
        assertThat(admin.post("/api/query", "{\"query\":\"SELECT 1\"}").status()).isEqualTo(400);
        assertThat(query(admin, "SELECT count(*) FROM drive_logs WHERE id = " + id).body().get("rows").toString())
                .isEqualTo("[[1]]");

        AppApiClient stranger = new AppApiClient(ingest.cloud().httpBase(), ingest.cloud().service().users()
                .createUser("sql-stranger", User.Role.OWNER, List.of("car-elsewhere"), Duration.ZERO).secret());
        JsonNode theirs = query(stranger, "SELECT (SELECT count(*) FROM drive_logs), (SELECT count(*) FROM signals), "
                + "(SELECT count(*) FROM scenarios)").body();
        assertThat(theirs.get("rows").toString()).isEqualTo("[[0,0,0]]");
    }

    /** {@code fleet ingest ...} against the running service as its admin; exit code, stdout and stderr. */
    private static String[] fleetIngest(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new IngestCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", ingest.cloud().httpBase(), "--data-dir",
                ingest.cloud().root().resolve("data").toString()));
        int exit = cli.execute(all.toArray(String[]::new));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void fleetIngestStatusPrintsTheQueueAndLastErrorsAndReprocessQueuesAVehiclesLogsAgain() throws Exception {
        ingest.upload("raw/car-cli/broken.mf4", "not an MDF file at all".getBytes(StandardCharsets.US_ASCII));
        JsonNode failed = awaitDetail("car-cli", d -> d.get("status").asText().equals("FAILED"));
        long id = failed.get("id").asLong();
        // the error names the object, not the worker's temporary copy of it
        assertThat(failed.get("error").asText()).startsWith("s3://drive-logs/raw/car-cli/broken.mf4 at byte ");

        String[] status = fleetIngest("status");
        assertThat(status[0]).as(status[2]).isEqualTo("0");
        assertThat(status[1]).containsPattern("(?m)^PENDING +\\d+$").containsPattern("(?m)^INGESTED +\\d+$")
                .containsPattern("(?m)^FAILED +[1-9]\\d*$").contains("last errors:")
                .contains("  #" + id + " raw/car-cli/broken.mf4 (").contains(failed.get("error").asText());

        String[] reprocess = fleetIngest("reprocess", "--vehicle", "car-cli");
        assertThat(reprocess[0]).as(reprocess[2]).isEqualTo("0");
        assertThat(reprocess[1].strip()).isEqualTo("1 drive log(s) of car-cli queued again: [" + id + "]");
        JsonNode again = awaitDetail("car-cli", d -> d.get("status").asText().equals("FAILED")
                && !d.get("ingestedAt").asText().equals(failed.get("ingestedAt").asText()));
        assertThat(again.get("id").asLong()).isEqualTo(id);
        assertThat(fleetIngest("reprocess", "--vehicle", "car-nobody")[1].strip())
                .isEqualTo("no drive logs of car-nobody");
        assertThat(fleetIngest("reprocess")[0]).isEqualTo("2");
    }
}
