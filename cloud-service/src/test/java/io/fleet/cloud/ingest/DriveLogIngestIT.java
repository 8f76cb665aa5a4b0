package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.users.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Upload to the embedded S3 (the real S3Proxy) -> listing poller -> catalog in the embedded PostgreSQL -> app API,
 * with the real logs of testdata/ and broken copies of them.
 */
class DriveLogIngestIT {

    private static final Path CSS = IngestTestCloud.CSS;
    private static final Path PYTHON_CAN = Path.of("..", "testdata", "can", "python-can");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static IngestTestCloud ingest;
    private static RunningCloud cloud;
    private static AppApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        ingest = IngestTestCloud.start(2);
        cloud = ingest.cloud();
        admin = ingest.admin();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static S3Client s3() {
        return ingest.s3();
    }

    private static void upload(String key, byte[] bytes) {
        ingest.upload(key, bytes);
    }

    /** The vehicle's drive logs once {@code done} holds for the list, else the test fails with the last list. */
    private static List<JsonNode> awaitLogs(String vehicle, Predicate<List<JsonNode>> done) throws Exception {
        return await("drive logs of " + vehicle).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            AppApiClient.Reply reply = admin.get("/api/drive-logs?vehicle=" + vehicle);
            assertThat(reply.status()).isEqualTo(200);
            List<JsonNode> logs = new ArrayList<>();
            reply.body().get("driveLogs").forEach(logs::add);
            return logs;
        }, done);
    }

    private static boolean allDone(List<JsonNode> logs, int count) {
        return logs.size() == count && logs.stream().noneMatch(l -> l.get("status").asText().equals("PENDING"));
    }

    private static JsonNode byKey(List<JsonNode> logs, String key) {
        return logs.stream().filter(l -> l.get("key").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + key + " in " + logs));
    }

    @Test
    void realLogsOfEveryFormatBecomeIngestedEntriesWithFramesPerChannelAndFrameTimes() throws Exception {
        byte[] mf4 = Files.readAllBytes(CSS.resolve("2F6913DB-00000004-00000001.MF4"));
        upload("raw/car-formats/2F6913DB-00000004-00000001.MF4", mf4);
        upload("raw/car-formats/test_CanMessage.asc", Files.readAllBytes(PYTHON_CAN.resolve("test_CanMessage.asc")));
        upload("raw/car-formats/test_CanFdMessage.blf",
                Files.readAllBytes(PYTHON_CAN.resolve("test_CanFdMessage.blf")));
        // no candump file in testdata/: this one is written as candump -l writes, two interfaces
        upload("raw/car-formats/trip.log", ("(1701363725.986550) can0 123#DEADBEEF\n"
                + "(1701363726.000000) vcan1 1F334455#1122\n(1701363727.500000) can0 123#00\n")
                .getBytes(StandardCharsets.US_ASCII));

        List<JsonNode> logs = awaitLogs("car-formats", l -> allDone(l, 4));

        JsonNode mdf = byKey(logs, "raw/car-formats/2F6913DB-00000004-00000001.MF4");
        assertThat(mdf.get("status").asText()).as("%s", mdf).isEqualTo("INGESTED");
        assertThat(mdf.get("format").asText()).isEqualTo("MDF4");
        assertThat(mdf.get("frames").asLong()).isEqualTo(5588);
        assertThat(mdf.get("framesPerChannel").toString()).isEqualTo("{\"1\":221,\"2\":5367}");
        assertThat(mdf.get("start").asText()).isEqualTo("2022-01-06T11:46:01.949700Z"); // epoch 1641469561.949700
        assertThat(mdf.get("size").asLong()).isEqualTo(mf4.length);
        assertThat(mdf.get("sha256").asText()).isEqualTo(sha256(mf4));
        assertThat(mdf.get("vehicle").asText()).isEqualTo("car-formats");

        JsonNode candump = byKey(logs, "raw/car-formats/trip.log");
        assertThat(candump.get("status").asText()).as("%s", candump).isEqualTo("INGESTED");
        assertThat(candump.get("format").asText()).isEqualTo("CANDUMP");
        assertThat(candump.get("framesPerChannel").toString()).isEqualTo("{\"can0\":2,\"vcan1\":1}");
        assertThat(candump.get("start").asText()).isEqualTo("2023-11-30T17:02:05.986550Z");
        assertThat(candump.get("end").asText()).isEqualTo("2023-11-30T17:02:07.500Z");

        JsonNode asc = byKey(logs, "raw/car-formats/test_CanMessage.asc");
        assertThat(asc.get("status").asText()).as("%s", asc).isEqualTo("INGESTED");
        assertThat(asc.get("format").asText()).isEqualTo("ASC");
        assertThat(asc.get("frames").asLong()).isEqualTo(2);
        JsonNode blf = byKey(logs, "raw/car-formats/test_CanFdMessage.blf");
        assertThat(blf.get("status").asText()).as("%s", blf).isEqualTo("INGESTED");
        assertThat(blf.get("format").asText()).isEqualTo("BLF");
        assertThat(blf.get("frames").asLong()).isEqualTo(2);

        AppApiClient.Reply one = admin.get("/api/drive-logs/" + mdf.get("id").asLong());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("key").asText()).isEqualTo("raw/car-formats/2F6913DB-00000004-00000001.MF4");
    }

    @Test
    void brokenEmptyAndUnknownObjectsFailWithTheirReasonAndACutUnfinalizedMf4KeepsItsCompleteRecords()
            throws Exception {
        byte[] blf = Files.readAllBytes(PYTHON_CAN.resolve("test_CanMessage.blf"));
        upload("raw/car-broken/cut.blf", Arrays.copyOf(blf, blf.length - 10));
        upload("raw/car-broken/empty.asc", new byte[0]);
        upload("raw/car-broken/notes.txt", "not a drive log\n".getBytes(StandardCharsets.UTF_8));
        byte[] mf4 = Files.readAllBytes(CSS.resolve("2F6913DB-00000004-00000001.MF4"));
        upload("raw/car-broken/unfinalized-cut.MF4", Arrays.copyOf(mf4, mf4.length - 7));

        List<JsonNode> logs = awaitLogs("car-broken", l -> allDone(l, 4));

        JsonNode cut = byKey(logs, "raw/car-broken/cut.blf");
        assertThat(cut.get("status").asText()).isEqualTo("FAILED");
        assertThat(cut.get("error").asText()).startsWith("s3://drive-logs/raw/car-broken/cut.blf at byte ")
                .contains("truncated");
        assertThat(byKey(logs, "raw/car-broken/empty.asc").get("error").asText())
                .isEqualTo("s3://drive-logs/raw/car-broken/empty.asc: empty object (0 bytes)");
        JsonNode unknown = byKey(logs, "raw/car-broken/notes.txt");
        assertThat(unknown.get("status").asText()).isEqualTo("FAILED");
        assertThat(unknown.get("error").asText()).startsWith("s3://drive-logs/raw/car-broken/notes.txt at byte 0: ")
                .contains("not a known drive-log format");

        JsonNode unfinalized = byKey(logs, "raw/car-broken/unfinalized-cut.MF4");
        assertThat(unfinalized.get("status").asText()).as("%s", unfinalized).isEqualTo("INGESTED");
        assertThat(unfinalized.get("frames").asLong()).isBetween(5580L, 5587L);
        assertThat(unfinalized.get("warnings").toString()).contains("unfinalized MF4 cut short")
                .contains("at byte ");
    }

    @Test
    void identicalBytesUnderTheSameKeyMakeNoSecondEntryNewBytesSupersedeAndAnotherKeyIsItsOwnEntry()
            throws Exception {
        byte[] asc = Files.readAllBytes(PYTHON_CAN.resolve("test_CanMessage.asc"));
        upload("raw/car-dup/a.asc", asc);
        long first = awaitLogs("car-dup", l -> allDone(l, 1)).get(0).get("id").asLong();

        // the same bytes again, as a multipart upload: another ETag, so only the sha256 can tell
        String uploadId = s3().createMultipartUpload(m -> m.bucket("drive-logs").key("raw/car-dup/a.asc"))
                .uploadId();
        String etag = s3().uploadPart(p -> p.bucket("drive-logs").key("raw/car-dup/a.asc").uploadId(uploadId)
                .partNumber(1), RequestBody.fromBytes(asc)).eTag();
        s3().completeMultipartUpload(c -> c.bucket("drive-logs").key("raw/car-dup/a.asc").uploadId(uploadId)
                .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        upload("raw/car-dup/copy.asc", asc);
        List<JsonNode> logs = awaitLogs("car-dup", l -> allDone(l, 2));
        assertThat(byKey(logs, "raw/car-dup/a.asc").get("id").asLong()).isEqualTo(first);
        assertThat(byKey(logs, "raw/car-dup/copy.asc").get("sha256").asText())
                .isEqualTo(byKey(logs, "raw/car-dup/a.asc").get("sha256").asText()).isEqualTo(sha256(asc));

        byte[] other = Files.readAllBytes(PYTHON_CAN.resolve("test_CanRemoteMessage.asc"));
        upload("raw/car-dup/a.asc", other);
        logs = awaitLogs("car-dup", l -> allDone(l, 3) && l.stream().anyMatch(e -> e.get("id").asLong() == first
                && !e.get("supersededBy").isNull()));
        JsonNode old = logs.stream().filter(e -> e.get("id").asLong() == first).findFirst().orElseThrow();
        JsonNode replacement = logs.stream().filter(e -> e.get("key").asText().equals("raw/car-dup/a.asc")
                && e.get("id").asLong() != first).findFirst().orElseThrow();
        assertThat(old.get("supersededBy").asLong()).isEqualTo(replacement.get("id").asLong());
        assertThat(replacement.get("sha256").asText()).isEqualTo(sha256(other));
        assertThat(replacement.get("supersededBy").isNull()).isTrue();
    }

    @Test
    void ownersSeeOnlyTheirVehiclesLogsAnotherOwnersLogIsNotFoundAndNoTokenIsUnauthorized() throws Exception {
        upload("raw/car-alice/x.asc", Files.readAllBytes(PYTHON_CAN.resolve("test_CanMessage.asc")));
        upload("raw/car-bob/y.asc", Files.readAllBytes(PYTHON_CAN.resolve("test_CanMessage.asc")));
        long alices = awaitLogs("car-alice", l -> allDone(l, 1)).get(0).get("id").asLong();
        long bobs = awaitLogs("car-bob", l -> allDone(l, 1)).get(0).get("id").asLong();
        AppApiClient alice = new AppApiClient(cloud.httpBase(), cloud.service().users()
                .createUser("alice-logs", User.Role.OWNER, List.of("car-alice"), Duration.ZERO).secret());

        List<String> vehicles = new ArrayList<>();
        alice.get("/api/drive-logs").body().get("driveLogs").forEach(l -> vehicles.add(l.get("vehicle").asText()));
        assertThat(vehicles).containsOnly("car-alice").isNotEmpty();
        assertThat(alice.get("/api/drive-logs?vehicle=car-bob").body().get("driveLogs")).isEmpty();
        assertThat(alice.get("/api/drive-logs/" + alices).status()).isEqualTo(200);
        AppApiClient.Reply others = alice.get("/api/drive-logs/" + bobs);
        assertThat(others.status()).isEqualTo(404);
        assertThat(others.body().get("message").asText()).isEqualTo("no drive log " + bobs);
        AppApiClient.Reply missing = alice.get("/api/drive-logs/999999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error")).isEqualTo(others.body().get("error"));
        assertThat(new AppApiClient(cloud.httpBase(), "").get("/api/drive-logs").status()).isEqualTo(401);
        assertThat(admin.get("/api/drive-logs?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aTimeRangeMatchesTheLogsThatOverlapIt() throws Exception {
        upload("raw/car-time/trip.log", ("(1701363725.000000) can0 123#00\n(1701363785.000000) can0 123#01\n")
                .getBytes(StandardCharsets.US_ASCII)); // 17:02:05 to 17:03:05 UTC
        awaitLogs("car-time", l -> allDone(l, 1));
        Map<String, Integer> expected = Map.of(
                "from=2023-11-30T17:03:00Z&to=2023-11-30T18:00:00Z", 1, // overlaps the end
                "from=2023-11-30T16:00:00Z&to=2023-11-30T17:02:10Z", 1, // overlaps the start
                "from=2023-11-30T17:03:06Z", 0,                          // after it
                "to=2023-11-30T17:02:04Z", 0);                           // before it
        expected.forEach((range, count) -> {
            try {
                assertThat(admin.get("/api/drive-logs?vehicle=car-time&" + range).body().get("driveLogs"))
                        .as(range).hasSize(count);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void noObjectIsMissedOrTakenTwiceAcrossARestart() throws Exception {
        byte[] asc = Files.readAllBytes(PYTHON_CAN.resolve("test_CanMessage.asc"));
        for (int i = 0; i < 5; i++) {
            upload("raw/car-restart/before-" + i + ".asc", asc);
        }
        awaitLogs("car-restart", l -> allDone(l, 5));
        cloud.restart();
        for (int i = 0; i < 3; i++) {
            upload("raw/car-restart/after-" + i + ".asc", asc);
        }
        // the listing passes again over the five taken before the restart: still one entry each
        List<JsonNode> logs = awaitLogs("car-restart", l -> allDone(l, 8));
        // the first pass completed from here may have begun before the eight were taken; the next two went over all
        long passes = ingest.listingPasses();
        await("three more passes of the listing").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(ingest::listingPasses, completed -> completed >= passes + 3);
        logs = awaitLogs("car-restart", l -> allDone(l, 8));
        assertThat(logs).extracting(l -> l.get("key").asText()).doesNotHaveDuplicates();
        assertThat(logs).allMatch(l -> l.get("status").asText().equals("INGESTED"));
    }

    @Test
    void signalsAreDecodedByTheSharedDbcsAndTheVehiclesOwnWhichWinsForAMessageDefinedInBoth() throws Exception {
        byte[] gnss = Files.readAllBytes(CSS.resolve("gnss.dbc"));
        upload("dbc/gnss.dbc", gnss);
        // car-dbc-own redefines gnss_speed (id 7) in km/h; a DBC that does not parse is left out with a warning
        upload("dbc/car-dbc-own/speed-kmh.dbc", ("VERSION \"\"\n\nBU_:\n\nBO_ 7 own_speed: 5 Vector__XXX\n"
                + " SG_ SpeedKmh : 1|20@1+ (0.0036,0) [0|3774.87] \"km/h\" Vector__XXX\n")
                .getBytes(StandardCharsets.US_ASCII));
        upload("dbc/car-dbc-own/broken.dbc", "BO_ 7 oops: nine\n".getBytes(StandardCharsets.US_ASCII));
        byte[] mf4 = Files.readAllBytes(CSS.resolve("2F6913DB-00000004-00000001.MF4"));
        upload("raw/car-dbc-shared/gnss.MF4", mf4);
        upload("raw/car-dbc-own/gnss.MF4", mf4);
        Expected speed = expectedSpeed(gnss);

        long sharedId = awaitLogs("car-dbc-shared", l -> allDone(l, 1)).get(0).get("id").asLong();
        JsonNode shared = admin.get("/api/drive-logs/" + sharedId).body();
        assertThat(shared.get("status").asText()).as("%s", shared).isEqualTo("INGESTED");
        assertThat(shared.get("dbcs").toString()).isEqualTo("[{\"key\":\"dbc/gnss.dbc\",\"sha256\":\""
                + sha256(gnss) + "\"}]");
        JsonNode decoded = signal(shared, "gnss_speed", "Speed");
        assertThat(decoded.get("unit").asText()).isEqualTo("m/s");
        assertThat(decoded.get("count").asLong()).isEqualTo(speed.count).isPositive();
        assertThat(decoded.get("min").asDouble()).isEqualTo(speed.min);
        assertThat(decoded.get("max").asDouble()).isEqualTo(speed.max);
        assertThat(decoded.get("mean").asDouble()).isCloseTo(speed.sum / speed.count,
                org.assertj.core.data.Offset.offset(1e-9));
        // the validity flag is a signal like any other: it drops no sample
        assertThat(signal(shared, "gnss_speed", "SpeedValid").get("count").asLong()).isEqualTo(speed.count);
        assertThat(shared.get("unknownIdFrames").asLong()).isEqualTo(5588 - speed.otherKnownFrames - speed.count);

        long ownId = awaitLogs("car-dbc-own", l -> allDone(l, 1)).get(0).get("id").asLong();
        JsonNode own = admin.get("/api/drive-logs/" + ownId).body();
        JsonNode kmh = signal(own, "own_speed", "SpeedKmh");
        assertThat(kmh.get("unit").asText()).isEqualTo("km/h");
        assertThat(kmh.get("count").asLong()).isEqualTo(speed.count);
        assertThat(kmh.get("max").asDouble()).isCloseTo(speed.max * 3.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(own.get("signals").toString()).doesNotContain("\"gnss_speed\"");
        assertThat(own.get("warnings").toString())
                .contains("DBC left out: s3://drive-logs/dbc/car-dbc-own/broken.dbc");
        assertThat(own.get("dbcs")).extracting(d -> d.get("key").asText())
                .containsExactly("dbc/car-dbc-own/speed-kmh.dbc", "dbc/gnss.dbc");
    }

    @Test
    void aJ1939DbcDecodesItsParameterGroupsWhateverPriorityAndSourceAddressTheFramesCarry() throws Exception {
        upload("dbc/car-j1939/CSS-Electronics-SAE-J1939-DEMO.dbc",
                Files.readAllBytes(CSS.resolve("CSS-Electronics-SAE-J1939-DEMO.dbc")));
        upload("raw/car-j1939/j1939-demo-00000001.MF4", Files.readAllBytes(CSS.resolve("j1939-demo-00000001.MF4")));
        long eec1 = 0; // PGN 0xF004, EngineSpeed
        long ccvs1 = 0; // PGN 0xFEF1, WheelBasedVehicleSpeed
        long frames = 0;
        try (io.fleet.model.log.LogReader reader = io.fleet.model.log.LogReaders.open(
                CSS.resolve("j1939-demo-00000001.MF4"), io.fleet.model.log.ReadOptions.strict())) {
            for (var record = reader.next(); record != null; record = reader.next()) {
                var frame = (io.fleet.model.bus.CanFrame) record;
                frames++;
                if (frame.extended() && ((frame.id() >> 8) & 0x3FFFF) == 0xF004) {
                    eec1++;
                } else if (frame.extended() && ((frame.id() >> 8) & 0x3FFFF) == 0xFEF1) {
                    ccvs1++;
                }
            }
        }
        long id = awaitLogs("car-j1939", l -> allDone(l, 1)).get(0).get("id").asLong();
        JsonNode log = admin.get("/api/drive-logs/" + id).body();
        assertThat(log.get("frames").asLong()).isEqualTo(frames).isEqualTo(150_411);
        JsonNode rpm = signal(log, "EEC1", "EngineSpeed");
        assertThat(rpm.get("unit").asText()).isEqualTo("rpm");
        assertThat(rpm.get("count").asLong()).isEqualTo(eec1).isPositive();
        JsonNode speed = signal(log, "CCVS1", "WheelBasedVehicleSpeed");
        assertThat(speed.get("unit").asText()).isEqualTo("km/h");
        assertThat(speed.get("count").asLong()).isEqualTo(ccvs1).isPositive();
        assertThat(speed.get("min").asDouble()).isLessThanOrEqualTo(speed.get("mean").asDouble())
                .isGreaterThanOrEqualTo(0);
        assertThat(log.get("unknownIdFrames").asLong()).isEqualTo(frames - eec1 - ccvs1);
    }

    private static JsonNode signal(JsonNode log, String message, String name) {
        for (JsonNode signal : log.get("signals")) {
            if (signal.get("message").asText().equals(message) && signal.get("signal").asText().equals(name)) {
                return signal;
            }
        }
        throw new AssertionError("no " + message + "." + name + " in " + log.get("signals"));
    }

    /** gnss_speed.Speed over the MF4 through the DBC codec's Map API, and the frames of gnss.dbc's other ids. */
    private record Expected(long count, double min, double max, double sum, long otherKnownFrames) {
    }

    private static Expected expectedSpeed(byte[] dbcBytes) throws Exception {
        io.fleet.model.can.dbc.DbcDatabase dbc = io.fleet.model.can.dbc.DbcParser.parse("gnss.dbc",
                new String(dbcBytes, StandardCharsets.ISO_8859_1));
        long count = 0;
        long other = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        try (io.fleet.model.log.LogReader reader = io.fleet.model.log.LogReaders.open(
                CSS.resolve("2F6913DB-00000004-00000001.MF4"), io.fleet.model.log.ReadOptions.strict())) {
            for (var record = reader.next(); record != null; record = reader.next()) {
                var frame = (io.fleet.model.bus.CanFrame) record;
                var message = dbc.message(frame);
                if (message.isEmpty()) {
                    continue;
                }
                if (!message.get().name().equals("gnss_speed")) {
                    other++;
                    continue;
                }
                double value = message.get().decode(frame).get("Speed").physical();
                count++;
                min = Math.min(min, value);
                max = Math.max(max, value);
                sum += value;
            }
        }
        return new Expected(count, min, max, sum, other);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
