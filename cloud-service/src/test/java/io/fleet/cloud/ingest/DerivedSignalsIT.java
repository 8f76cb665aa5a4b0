package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.api.AppApiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoded signals as Parquet: a real MF4 and DBC of testdata/ through the embedded S3 (S3Proxy) and PostgreSQL, the
 * Parquet object downloaded and read back with DuckDB against the catalog's statistics.
 */
class DerivedSignalsIT {

    private static final Path CSS = IngestTestCloud.CSS;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static IngestTestCloud ingest;

    @BeforeAll
    static void start() throws Exception {
        ingest = IngestTestCloud.start(1);
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    /** The single drive log of the vehicle once it is no longer PENDING, with its detail. */
    private static JsonNode awaitDetail(String vehicle) throws Exception {
        JsonNode logs = await("the drive log of " + vehicle + " done").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ingest.admin().get("/api/drive-logs?vehicle=" + vehicle).body().get("driveLogs"),
                        l -> l.size() == 1 && !l.get(0).get("status").asText().equals("PENDING"));
        return ingest.admin().get("/api/drive-logs/" + logs.get(0).get("id").asLong()).body();
    }

    @Test
    void decodedSignalsBecomeHivePartitionedParquetWhoseRowsMatchTheCatalogsStatistics(@TempDir Path tmp)
            throws Exception {
        ingest.upload("dbc/car-parquet/gnss.dbc", Files.readAllBytes(CSS.resolve("gnss.dbc")));
        ingest.upload("raw/car-parquet/gnss.MF4", Files.readAllBytes(CSS.resolve("2F6913DB-00000004-00000001.MF4")));

        JsonNode log = awaitDetail("car-parquet");
        assertThat(log.get("status").asText()).as("%s", log).isEqualTo("INGESTED");
        long id = log.get("id").asLong();
        String key = "derived/signals/vehicle=car-parquet/date=2022-01-06/" + id + ".parquet";
        assertThat(log.get("derivedObjects").toString()).isEqualTo("[\"" + key + "\"]");

        Path tree = tmp.resolve("tree");
        Path local = tree.resolve(key);
        Files.createDirectories(local.getParent());
        ingest.s3().getObject(g -> g.bucket("drive-logs").key(key), local);

        // the file alone: DuckDB would otherwise add the partition columns it sees in the path
        String file = "read_parquet('" + local + "', hive_partitioning = false)";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            Map<String, String> types = new HashMap<>();
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + file)) {
                while (r.next()) {
                    types.put(r.getString(1), r.getString(2));
                }
            }
            assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("time", "TIMESTAMP WITH TIME ZONE",
                    "message", "VARCHAR", "signal", "VARCHAR", "value", "DOUBLE", "unit", "VARCHAR"));

            Map<String, JsonNode> catalog = new HashMap<>();
            log.get("signals").forEach(sig -> catalog.put(sig.get("message").asText() + "."
                    + sig.get("signal").asText(), sig));
            assertThat(catalog).isNotEmpty();
            int seen = 0;
            try (ResultSet r = s.executeQuery("SELECT message, signal, count(*), min(value), max(value), "
                    + "avg(value), any_value(unit), count(DISTINCT unit) FROM " + file + " "
                    + "GROUP BY message, signal")) {
                while (r.next()) {
                    JsonNode expected = catalog.get(r.getString(1) + "." + r.getString(2));
                    assertThat(expected).as("%s.%s is in the catalog", r.getString(1), r.getString(2)).isNotNull();
                    assertThat(r.getLong(3)).isEqualTo(expected.get("count").asLong());
                    assertThat(r.getDouble(4)).isEqualTo(expected.get("min").asDouble());
                    assertThat(r.getDouble(5)).isEqualTo(expected.get("max").asDouble());
                    assertThat(r.getDouble(6)).isCloseTo(expected.get("mean").asDouble(), within(1e-9));
                    assertThat(r.getString(7)).isEqualTo(expected.get("unit").asText());
                    assertThat(r.getLong(8)).isEqualTo(1);
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(catalog.size());

            // the first sample is at (or after) the log's first frame, to the microsecond, in UTC
            try (ResultSet r = s.executeQuery("SELECT strftime(min(time), '%Y-%m-%dT%H:%M:%S.%fZ') "
                    + "FROM " + file)) {
                r.next();
                assertThat(r.getString(1)).isGreaterThanOrEqualTo("2022-01-06T11:46:01.949700Z")
                        .startsWith("2022-01-06T11:4");
            }

            // the tree reads as one table with the partition columns
            try (ResultSet r = s.executeQuery("SELECT vehicle, CAST(date AS VARCHAR), count(*) FROM read_parquet('"
                    + tree.resolve("derived/signals") + "/*/*/*.parquet', hive_partitioning = true) "
                    + "GROUP BY ALL")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("car-parquet");
                assertThat(r.getString(2)).isEqualTo("2022-01-06");
                long total = 0;
                for (JsonNode sig : log.get("signals")) {
                    total += sig.get("count").asLong();
                }
                assertThat(r.getLong(3)).isEqualTo(total);
                assertThat(r.next()).isFalse();
            }
        }
    }

    @Test
    void theIngestPutsItsParquetIntoTheQueryCacheSoTheFirstQueryNeedsNoDownload() throws Exception {
        ingest.upload("dbc/car-cached/gnss.dbc", Files.readAllBytes(CSS.resolve("gnss.dbc")));
        ingest.upload("raw/car-cached/gnss.MF4", Files.readAllBytes(CSS.resolve("2F6913DB-00000004-00000001.MF4")));

        JsonNode log = awaitDetail("car-cached");
        assertThat(log.get("status").asText()).as("%s", log).isEqualTo("INGESTED");
        long id = log.get("id").asLong();
        String key = log.get("derivedObjects").get(0).asText();
        Path cached = ParquetCache.dirIn(ingest.cloud().root().resolve("data"))
                .resolve(id + "-" + Instant.parse(log.get("ingestedAt").asText()).toEpochMilli() + ".parquet");
        assertThat(cached).as("in the query cache before any query").exists();
        assertThat(Files.readAllBytes(cached)).isEqualTo(ingest.s3().getObjectAsBytes(g -> g.bucket("drive-logs")
                .key(key)).asByteArray());

        // without the object in S3, only the cached copy can answer
        ingest.s3().deleteObject(d -> d.bucket("drive-logs").key(key));
        long samples = 0;
        for (JsonNode sig : log.get("signals")) {
            samples += sig.get("count").asLong();
        }
        AppApiClient.Reply reply = ingest.admin().post("/api/query", "{\"sql\":\"SELECT count(*) FROM signals "
                + "WHERE drive_log_id = " + id + "\"}");
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().get("rows").toString()).isEqualTo("[[" + samples + "]]");
    }

    @Test
    void aLogWithoutAbsoluteTimeGetsNoParquetButAWarningSayingWhy() throws Exception {
        ingest.upload("dbc/car-relative/speed.dbc", ("VERSION \"\"\n\nBU_:\n\nBO_ 7 own_speed: 5 Vector__XXX\n"
                + " SG_ SpeedKmh : 1|20@1+ (0.0036,0) [0|3774.87] \"km/h\" Vector__XXX\n")
                .getBytes(StandardCharsets.US_ASCII));
        ingest.upload("raw/car-relative/trip.log", "(0.000100) can0 007#0102030405\n(0.010100) can0 007#0102030406\n"
                .getBytes(StandardCharsets.US_ASCII));

        JsonNode log = awaitDetail("car-relative");
        assertThat(log.get("status").asText()).as("%s", log).isEqualTo("INGESTED");
        assertThat(log.get("signals").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(log.get("derivedObjects").size()).isZero();
        assertThat(log.get("warnings").toString())
                .contains("no derived Parquet: the log has no absolute time to place its 2 decoded samples on");
        assertThat(ingest.s3().listObjectsV2(l -> l.bucket("drive-logs").prefix(DerivedSignals.PREFIX
                + "vehicle=car-relative/")).contents()).isEmpty();
    }
}
