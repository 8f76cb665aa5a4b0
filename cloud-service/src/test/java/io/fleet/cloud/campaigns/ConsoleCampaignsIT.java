package io.fleet.cloud.campaigns;

import static io.fleet.cloud.campaigns.CampaignTestCloud.allRuns;
import static io.fleet.cloud.campaigns.CampaignTestCloud.runs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.console.HeadlessChromium;
import io.fleet.cloud.registry.RegistryClients;
import io.fleet.cloud.s3.DriveLogBucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The console's rig pool and campaign pages in headless Chromium at 1280x900 against the real service, with a rig
 * simulated by the device SDK's jobs client: the rigs page shows the rig online and healthy with its capabilities,
 * the campaigns page lists the campaign, and its page shows every run's verdict, rig, measured values and results.
 */
class ConsoleCampaignsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String testId(String id) {
        return "[data-testid=\"" + id + "\"]";
    }

    @Test
    void theRigsCampaignsAndCampaignPagesShowThePoolAndTheVerdicts() throws Exception {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
        try (RunningCloud cloud = RunningCloud.start(c -> c.withCampaigns(CampaignsIT.FAST));
             IotClient iot = RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback");
             SimulatedRig rig = CampaignTestCloud.rig(cloud, iot, "console-rig", SimulatedRig.Behaviour.PASS, "can",
                     "canfd")) {
            String token = cloud.service().tokenFiles().read("admin").orElseThrow();
            AppApiClient admin = new AppApiClient(cloud.httpBase(), token);
            long id = CampaignTestCloud.create(admin, "console", runs(2, "console"), 4, "[\"can\"]");
            long firstRun = CampaignTestCloud.await(admin, id, allRuns("PASSED")).path("runs").get(0)
                    .path("id").asLong();
            String report = "<!DOCTYPE html><html><body><h1>KPI report of the console run</h1></body></html>";
            DriveLogBucket bucket = cloud.service().driveLogBucket();
            bucket.client().putObject(b -> b.bucket(bucket.bucket()).key("results/" + id + "/" + firstRun
                    + "/kpi.html"), RequestBody.fromString(report, StandardCharsets.UTF_8)); // as the rig uploads it

            try (HeadlessChromium browser = HeadlessChromium.start()) {
                browser.viewport(1280, 900, false);
                browser.navigate(cloud.httpBase() + "/#/rigs");
                browser.type(testId("token-input"), token);
                browser.click(testId("login-button"));
                browser.awaitText(testId("rig-connected-console-rig"), "Online", WAIT);
                assertThat(browser.text(testId("rig-health-console-rig"))).isEqualTo("HEALTHY");
                assertThat(browser.text(testId("rig-capabilities-console-rig"))).isEqualTo("can, canfd");
                assertThat(browser.text(testId("rig-run-console-rig"))).isEqualTo("—");
                assertThat(browser.text(testId("rig-software-console-rig"))).isEqualTo(SimulatedRig.SOFTWARE);
                assertThat(browser.text(testId("rigs-status"))).startsWith("1 rig(s), 1 free");

                browser.click(testId("nav-campaigns"));
                browser.awaitText(testId("campaign-status-" + id), "DONE", WAIT);
                assertThat(browser.text(testId("campaign-name-" + id))).isEqualTo("console");
                assertThat(browser.text(testId("campaign-runs-" + id))).isEqualTo("2 PASSED");

                browser.click(testId("campaign-link-" + id));
                browser.awaitText(testId("campaign-title"), "Campaign #" + id + " · console", WAIT);
                browser.awaitText(testId("run-verdict-" + firstRun), "PASS", WAIT);
                assertThat(browser.text(testId("run-state-" + firstRun))).isEqualTo("PASSED");
                assertThat(browser.text(testId("run-rig-" + firstRun))).isEqualTo("console-rig ("
                        + SimulatedRig.SOFTWARE + ")");
                assertThat(browser.text(testId("run-measured-" + firstRun))).isEqualTo("frames 120, latenessP99Us 42");
                assertThat(browser.text(testId("run-results-" + firstRun))).isEqualTo("s3://fleet-drive-logs/results/"
                        + id + "/" + firstRun + "/ · KPI report");
                // The report is fetched with the token and saved as a file: keep the blob the page makes of it.
                browser.evaluate("(() => { window.reports = []; const make = URL.createObjectURL;"
                        + " URL.createObjectURL = blob => { window.reports.push(blob); return make.call(URL, blob); };"
                        + " })()");
                browser.click(testId("run-kpi-" + firstRun));
                browser.await("document.querySelector('[data-testid=\"run-kpi-" + firstRun + "\"]')?.download",
                        WAIT, "the KPI report fetched and offered as a file");
                assertThat(browser.evaluate("window.reports[0].text()").asText()).isEqualTo(report);
                assertThat(browser.evaluate("document.querySelector('[data-testid=\"run-kpi-" + firstRun
                        + "\"]').download").asText()).isEqualTo("kpi-campaign-" + id + "-run-" + firstRun + ".html");
                assertThat(browser.horizontalOverflow()).isLessThanOrEqualTo(0);
                assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics())
                        .isEmpty();
            }
        }
    }
}
