package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.console.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's drive-log pages in headless Chromium at 1280x900 against the real ingest (S3Proxy bucket, embedded
 * PostgreSQL, DuckDB queries): the list shows uploaded logs with their status, filters by scenario type on the
 * service, shows a FAILED log's error; the drive page shows the log's statistics and scenarios, draws the speed from
 * {@code POST /api/query} with the scenarios as bands, and the GPS track.
 */
class ConsoleDriveLogsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DBC = """
            VERSION ""
            BU_:
            BO_ 256 Motion: 4 Vector__XXX
             SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "km/h" Vector__XXX
             SG_ Heading : 16|16@1+ (0.01,0) [0|360] "deg" Vector__XXX
            BO_ 257 Position: 8 Vector__XXX
             SG_ Latitude : 0|32@1- (1E-07,0) [-90|90] "deg" Vector__XXX
             SG_ Longitude : 32|32@1- (1E-07,0) [-180|180] "deg" Vector__XXX
            """;

    private static IngestTestCloud ingest;
    private static long driveId;
    private static long standingId;
    private static long failedId;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
        ingest = IngestTestCloud.start(1);
        ingest.upload("dbc/car-console/motion.dbc", DBC.getBytes(StandardCharsets.US_ASCII));
        ingest.upload("raw/car-console/drive.log", driveWithPositions());
        // 20 s of standing still only: no hard braking, so that scenario filter must leave it out
        ingest.upload("raw/car-console/parked.log", parked());
        ingest.upload("raw/car-console/broken.mf4", "not an MDF file at all".getBytes(StandardCharsets.US_ASCII));
        driveId = awaitDone("raw/car-console/drive.log");
        standingId = awaitDone("raw/car-console/parked.log");
        failedId = awaitDone("raw/car-console/broken.mf4");
    }

    @AfterAll
    static void stop() {
        if (ingest != null) { // null when there is no chromium and the class is skipped
            ingest.close();
        }
    }

    /** ScenarioIngestIT's 92 s drive (every scenario type) with a Position frame every second, heading north-east. */
    private static byte[] driveWithPositions() {
        String[] motion = new String(ScenarioIngestIT.drive(), StandardCharsets.US_ASCII).split("\n");
        StringBuilder log = new StringBuilder();
        long t0 = 1_701_363_725L;
        for (int tenth = 0; tenth < motion.length; tenth++) {
            log.append(motion[tenth]).append('\n');
            if (tenth % 10 == 0) { // in time order: 50 ms after the Motion frame of each whole second
                int second = tenth / 10;
                long lat = Math.round((48.137 + second * 1e-4) * 1e7);
                long lon = Math.round((11.575 + second * second * 2e-6) * 1e7);
                log.append(String.format(Locale.ROOT, "(%d.050000) can0 101#%s%s%n", t0 + second, littleEndian(lat),
                        littleEndian(lon)));
            }
        }
        return log.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** 2000 Motion frames at 0 km/h, one every 10 ms: more samples than the speed plot draws. */
    private static byte[] parked() {
        StringBuilder log = new StringBuilder();
        for (int hundredth = 0; hundredth < 2000; hundredth++) {
            log.append(String.format(Locale.ROOT, "(%d.%06d) can0 100#00002C01%n", 1_701_370_000L + hundredth / 100,
                    (hundredth % 100) * 10_000));
        }
        return log.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String littleEndian(long value) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            hex.append(String.format(Locale.ROOT, "%02X", (value >> (8 * i)) & 0xFF));
        }
        return hex.toString();
    }

    private static long awaitDone(String key) throws Exception {
        return await(key + " ingested").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode log : ingest.admin().get("/api/drive-logs?vehicle=car-console").body().get("driveLogs")) {
                if (log.get("key").asText().equals(key) && !log.get("status").asText().equals("PENDING")) {
                    return log.get("id").asLong();
                }
            }
            return null;
        }, Objects::nonNull);
    }

    private static HeadlessChromium loggedIn(String hash) throws Exception {
        HeadlessChromium browser = HeadlessChromium.start();
        browser.viewport(1280, 900, false);
        browser.navigate(ingest.cloud().httpBase() + "/" + hash);
        browser.type(testId("token-input"),
                Files.readString(ingest.cloud().service().tokenFiles().file("admin")).strip());
        browser.click(testId("login-button"));
        return browser;
    }

    @Test
    void theListShowsEachLogWithItsStatusAFailedLogsErrorAndFiltersByScenarioOnTheService() throws Exception {
        try (HeadlessChromium browser = loggedIn("#/drive-logs")) {
            browser.awaitText(testId("drive-list-status"), "3 drive log(s)", WAIT);
            assertThat(browser.text(testId("drive-status-" + driveId))).isEqualTo("INGESTED");
            assertThat(browser.text(testId("drive-key-" + driveId))).isEqualTo("raw/car-console/drive.log");
            assertThat(browser.text(testId("drive-start-" + driveId))).isEqualTo("2023-11-30 17:02:05");
            assertThat(browser.text(testId("drive-status-" + failedId))).isEqualTo("FAILED");
            assertThat(browser.text(testId("drive-problems-" + failedId)))
                    .startsWith("s3://drive-logs/raw/car-console/broken.mf4 at byte ");
            assertThat(browser.horizontalOverflow()).as("the table scrolls inside its card").isLessThanOrEqualTo(0);

            setFilter(browser, "drive-scenario-filter", "hard-braking", "change");
            browser.awaitText(testId("drive-list-status"), "1 drive log(s)", WAIT);
            assertThat(rowIds(browser)).isEqualTo(String.valueOf(driveId));

            setFilter(browser, "drive-scenario-filter", "standstill", "change");
            browser.awaitText(testId("drive-list-status"), "2 drive log(s)", WAIT);
            assertThat(rowIds(browser)).contains(String.valueOf(standingId)).contains(String.valueOf(driveId))
                    .doesNotContain(String.valueOf(failedId));

            // a time range matches the logs that overlap it; the parked log starts at 18:46:40 UTC, the drive ended
            // at 17:03:37 and the FAILED log has no time at all
            setFilter(browser, "drive-scenario-filter", "", "change");
            setFilter(browser, "drive-from-filter", "2023-11-30T18:00:00", "input");
            browser.awaitText(testId("drive-list-status"), "1 drive log(s)", WAIT);
            assertThat(rowIds(browser)).isEqualTo(String.valueOf(standingId));

            setFilter(browser, "drive-vehicle-filter", "car-elsewhere", "input");
            browser.awaitText("#drive-table tbody", "No drive log matches the filter.", WAIT);
            assertThat(browser.text(testId("drive-list-status"))).startsWith("0 drive log(s)");
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    @Test
    void theDrivePageShowsStatisticsScenariosTheSpeedWithScenarioBandsAndTheGpsTrack() throws Exception {
        try (HeadlessChromium browser = loggedIn("#/drive-logs/" + driveId)) {
            browser.awaitText(testId("drive-title"), "Drive log #" + driveId + " · car-console", WAIT);
            browser.await("document.querySelector(\"" + testId("speed-line") + "\") !== null", WAIT,
                    "the speed plot\n" + browser.diagnostics());
            browser.await("document.querySelector(\"" + testId("track-line") + "\") !== null", WAIT,
                    "the GPS track\n" + browser.diagnostics());
            assertThat(browser.text(testId("drive-status"))).isEqualTo("INGESTED");
            assertThat(browser.text(testId("drive-meta-duration"))).isEqualTo("1 min 32 s");
            // message, signal, unit, samples, min (then the mean), max
            assertThat(browser.text(testId("signal-row-Motion.Speed"))).startsWith("MotionSpeedkm/h9200")
                    .endsWith("120");
            assertThat(browser.evaluate("document.querySelectorAll(\"" + testId("scenario-row") + "\").length")
                    .asInt()).isEqualTo(6);

            // 920 samples, fewer than the 1000 points a plot draws: every sample is drawn
            int points = browser.evaluate("document.querySelector(\"" + testId("speed-line")
                    + "\").points.numberOfItems").asInt();
            assertThat(points).isEqualTo(920);
            double highest = browser.evaluate("(() => { const l = document.querySelector(\"" + testId("speed-line")
                    + "\"); let y = Infinity; for (let i = 0; i < l.points.numberOfItems; i++) {"
                    + " y = Math.min(y, l.points.getItem(i).y); } return y; })()").asDouble();
            assertThat(highest).as("120 km/h stays below the top of the 300 px high plot").isBetween(36.0, 150.0);
            JsonNode bands = browser.evaluate("JSON.stringify([...document.querySelectorAll('#drive-speed "
                    + ".band-group')].map(g => g.dataset.type))");
            assertThat(bands.asText()).isEqualTo("[\"standstill\",\"high-speed\",\"hard-braking\",\"right-turn\","
                    + "\"left-turn\",\"standstill\"]");
            double brakingWidth = browser.evaluate("document.querySelector('#drive-speed .band.hard-braking')"
                    + ".width.baseVal.value").asDouble();
            assertThat(brakingWidth).as("3.3 s of 91.9 s on a 936 px wide plot").isBetween(30.0, 37.0);
            assertThat(browser.evaluate("document.querySelector(\"" + testId("track-line")
                    + "\").points.numberOfItems").asInt()).isEqualTo(92);
            assertThat(browser.horizontalOverflow()).isLessThanOrEqualTo(0);
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    @Test
    void aLongLogIsDownsampledByTheServiceAndALogWithoutPositionsSaysSo() throws Exception {
        try (HeadlessChromium browser = loggedIn("#/drive-logs/" + standingId)) {
            browser.awaitText(testId("track-missing"), "This log has no latitude/longitude signals.", WAIT);
            browser.await("document.querySelector(\"" + testId("speed-line") + "\") !== null", WAIT,
                    "the speed plot\n" + browser.diagnostics());
            // 2000 samples over 19.99 s: DuckDB averages them in buckets of 20 ms, so at most 1000 points come back
            int points = browser.evaluate("document.querySelector(\"" + testId("speed-line")
                    + "\").points.numberOfItems").asInt();
            assertThat(points).isBetween(990, 1001);
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    /** Sets a filter control as the operator would, with the event the page listens to. */
    private static void setFilter(HeadlessChromium browser, String id, String value, String event) {
        browser.evaluate("(() => { const s = document.querySelector(\"" + testId(id) + "\"); s.value = '" + value
                + "'; s.dispatchEvent(new Event('" + event + "')); })()");
    }

    @Test
    void aFailedLogsPageShowsItsErrorAndNoPlot() throws Exception {
        try (HeadlessChromium browser = loggedIn("#/drive-logs/" + failedId)) {
            browser.awaitText(testId("drive-status"), "FAILED", WAIT);
            assertThat(browser.text(testId("drive-error")))
                    .startsWith("s3://drive-logs/raw/car-console/broken.mf4 at byte ");
            browser.awaitText(testId("speed-missing"), "This log has no Speed signal.", WAIT);
            assertThat(browser.text(testId("drive-scenarios"))).contains("No scenarios found in this log.");
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    private static String rowIds(HeadlessChromium browser) {
        return browser.evaluate("[...document.querySelectorAll('#drive-table tbody tr[data-id]')]"
                + ".map(r => r.dataset.id).join(',')").asText();
    }

    private static String testId(String id) {
        return "[data-testid='" + id + "']";
    }
}
