package io.fleet.agent.e2e;

import static io.fleet.agent.e2e.SimulatedCars.testId;
import static io.fleet.agent.e2e.SimulatedCars.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.console.HeadlessChromium;
import io.fleet.cloud.users.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops console in a real browser (Debian's chromium, headless) against the whole cloud service with a simulated
 * vehicle's agent connected: an operator logs in with a token, opens the vehicle, presses "Open trunk" and sees the
 * car report the trunk open and the command SUCCEEDED in the history. It lives in device-agent's tests because it
 * needs both the agent and the cloud service, and cloud-service cannot depend on device-agent.
 */
@ExtendWith(CloudServiceExtension.class)
class ConsoleBrowserIT {

    private static final String CAR = "console-it-car";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The table (its last column too) lies within the card, and the page does not scroll sideways. */
    private static final String SHADOW_TABLE_INSIDE_ITS_CARD = "(() => {"
            + " const card = document.getElementById('shadow-table').closest('.panel').getBoundingClientRect();"
            + " const wrap = document.getElementById('shadow-table').parentElement;"
            + " const last = document.querySelector('#shadow-table thead th:last-child').getBoundingClientRect();"
            + " const page = document.documentElement.scrollWidth - window.innerWidth;"
            + " return last.right <= card.right && wrap.scrollWidth <= wrap.clientWidth && page <= 0 ? 'fits'"
            + " : `card ${card.left}-${card.right}, Reported at ends at ${last.right}, table ${wrap.scrollWidth}"
            + " in ${wrap.clientWidth}, page overflow ${page}`; })()";

    @TempDir
    Path journals;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
    }

    @Test
    void anOperatorOpensTheTrunkAndSeesTheCarConfirmIt(RunningCloud cloud) throws Exception {
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloud.httpBase() + "/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("the console is served at / (ConsoleRoutes mounted among the HTTP features)").isEqualTo(200);
        String token = cloud.service().users().addUser("console-it-operator", User.Role.ADMIN, List.of());

        try (DeviceAgent agent = SimulatedCars.start(cloud, CAR, journals);
             HeadlessChromium browser = HeadlessChromium.start()) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            browser.viewport(1280, 900, false);
            browser.navigate(cloud.httpBase() + "/");

            browser.await(visible("login-view"), WAIT, "the login page is shown");
            browser.type(testId("token-input"), "not-a-token");
            browser.click(testId("login-button"));
            browser.awaitText(testId("login-message"), "not accepted", WAIT);

            browser.type(testId("token-input"), token);
            browser.click(testId("login-button"));
            browser.await(visible("list-view"), WAIT, "the vehicle list is shown after login");
            browser.awaitText(testId("vehicle-online-" + CAR), "Online", WAIT);
            browser.awaitText(testId("vehicle-trunk-" + CAR), "closed", WAIT);

            browser.click(testId("vehicle-link-" + CAR));
            browser.await(visible("vehicle-view"), WAIT, "the vehicle page is shown");
            browser.awaitText(testId("reported-trunk"), "closed", WAIT);
            browser.awaitText(testId("stream-status"), "Live", WAIT);
            browser.awaitText(testId("vehicle-agent"), "0 reconnects", WAIT); // the agent's vehicles/<vin>/metrics

            browser.click(testId("cmd-trunk-open"));
            browser.awaitText(testId("reported-trunk"), "open", WAIT);
            browser.await("[...document.querySelectorAll('#command-history tbody tr')].some(row =>"
                    + " row.dataset.attribute === 'trunk' && row.dataset.value === 'open'"
                    + " && row.querySelector('[data-testid^=command-status-]').textContent === 'SUCCEEDED')",
                    WAIT, "the history shows trunk = open SUCCEEDED");
            assertThat(browser.text(testId("command-feedback"))).contains("trunk = open: SUCCEEDED");
            assertThat(browser.text("#command-history tbody")).as("sent from the console").contains("console");
            assertThat(browser.text(testId("delta-trunk"))).as("nothing left to do").isEmpty();
            assertThat(browser.evaluate(SHADOW_TABLE_INSIDE_ITS_CARD).asText()).as("the shadow table, lastCommand.*"
                    + " rows included, fits its card at 1280 px, \"Reported at\" too").isEqualTo("fits");

            browser.click(testId("logout-button"));
            browser.await(visible("login-view"), WAIT, "the login page after logout");
            assertThat(browser.evaluate("sessionStorage.getItem('fleet.console.token')").isNull())
                    .as("the token is forgotten").isTrue();
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }
}
