package io.fleet.agent.e2e;

import static io.fleet.agent.e2e.SimulatedCars.testId;
import static io.fleet.agent.e2e.SimulatedCars.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.console.HeadlessChromium;
import io.fleet.cloud.users.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner app ({@code /app/}) in a real browser (Debian's chromium, headless) against the whole cloud service and
 * a simulated vehicle's agent, on a phone (390 x 844) and on a desktop (1280 x 900): an owner logs in with a token,
 * sees only their own car, locks it and sees the car confirm, is asked for their PIN to open the trunk (a wrong one is
 * refused by the service with its lockout warning), is refused opening the trunk of the locked car with the car's
 * reason, sets the climate, and without a network still sees the last known state with its age.
 */
@ExtendWith(CloudServiceExtension.class)
class OwnerAppBrowserIT {

    private static final String CAR = "app-it-car";
    private static final String OTHER_CAR = "app-it-someone-elses-car";
    private static final String PIN = "2468";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path journals;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
    }

    @Test
    void anOwnerLocksOnAPhoneIsToldWhyTheCarRefusesAndUnlocksOnADesktop(RunningCloud cloud) throws Exception {
        String token = cloud.service().users().addUser("app-it-owner", User.Role.OWNER, List.of(CAR));
        new AppApiClient(cloud.httpBase(), token).withPin("app-it-owner", PIN);
        cloud.service().users().addUser("app-it-neighbour", User.Role.OWNER, List.of(OTHER_CAR));

        try (DeviceAgent agent = SimulatedCars.start(cloud, CAR, journals);
             HeadlessChromium browser = HeadlessChromium.start()) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            browser.viewport(390, 844, true);
            browser.navigate(cloud.httpBase() + "/app");

            browser.await(visible("login-view"), WAIT, "the login page is shown");
            assertNoSidewaysScrolling(browser, "login page at 390 px");
            browser.type(testId("token-input"), "not-a-token");
            browser.click(testId("login-button"));
            browser.awaitText(testId("login-message"), "not accepted", WAIT);

            browser.type(testId("token-input"), token);
            browser.click(testId("login-button"));
            browser.await(visible("car-view"), WAIT, "the owner's only car opens at once");
            assertThat(browser.text(testId("car-name"))).isEqualTo(CAR);
            browser.awaitText(testId("live-status"), "Live", WAIT);
            browser.awaitText(testId("state-lock"), "unlocked", WAIT);
            browser.awaitText(testId("location-coordinates"), "48.13700, 11.57500", WAIT);
            assertThat(browser.text(testId("state-fuel"))).isEqualTo("80 %");
            assertNoSidewaysScrolling(browser, "car screen at 390 px");

            browser.click(testId("cmd-lock-locked"));
            awaitOutcome(browser, "lock", "SUCCEEDED");
            browser.awaitText(testId("state-lock"), "locked", WAIT);
            assertThat(browser.text(testId("progress-lock"))).contains("Sent", "Car received", "Done",
                    "lock = locked: Done: the car confirmed it.");

            browser.click(testId("cmd-trunk-open"));
            enterPin(browser, "0000");
            browser.awaitText(testId("error-banner"), "trunk = open was not sent: wrong PIN; after 2 more wrong PINs"
                    + " unlocking and opening are locked for 15 minutes", WAIT);
            assertThat(browser.evaluate("document.querySelector(\"" + testId("progress-trunk") + "\").dataset.status"
                    + " === undefined").asBoolean()).as("nothing was sent").isTrue();
            browser.click(testId("cmd-trunk-open"));
            browser.await("document.getElementById('pin-dialog').open", WAIT, "the app asks for the PIN again");
            browser.click(testId("pin-cancel"));
            assertThat(browser.evaluate("document.getElementById('pin-dialog').open").asBoolean()).isFalse();
            browser.click(testId("cmd-trunk-open"));
            enterPin(browser, PIN);
            awaitOutcome(browser, "trunk", "REJECTED");
            assertThat(browser.text(testId("progress-trunk"))).contains("Refused",
                    "Refused by the car: vehicle is locked: unlock it before opening the trunk");
            assertThat(browser.text(testId("state-trunk"))).as("the car never opened it").isEqualTo("closed");

            browser.click(testId("climate-raise"));
            browser.click(testId("climate-raise"));
            assertThat(browser.text(testId("climate-target"))).isEqualTo("22 °C");
            browser.click(testId("cmd-climate.target"));
            awaitOutcome(browser, "climate", "SUCCEEDED");
            browser.awaitText(testId("state-climate"), "set to 22 °C", WAIT);
            assertNoSidewaysScrolling(browser, "car screen with command progress at 390 px");
            for (int width : new int[] {360, 430}) {
                browser.viewport(width, 844, true);
                assertNoSidewaysScrolling(browser, "car screen with command progress at " + width + " px");
            }

            browser.click(testId("choose-vehicle"));
            browser.await(visible("picker-view") + " && document.querySelectorAll('#vehicle-choices a').length === 1",
                    WAIT, "the picker lists the owner's car");
            assertThat(browser.text(testId("choose-" + CAR))).contains(CAR, "Online");
            assertThat(browser.evaluate("document.querySelector(\"[data-testid='choose-" + OTHER_CAR + "']\")")
                    .isNull()).as("another owner's car is not offered").isTrue();

            browser.viewport(1280, 900, false);
            browser.navigate(cloud.httpBase() + "/app/");
            browser.await(visible("car-view"), WAIT, "still logged in after a reload, the car opens");
            browser.awaitText(testId("live-status"), "Live", WAIT);
            assertNoSidewaysScrolling(browser, "car screen at 1280 px");
            assertThat(browser.evaluate("new Set([...document.querySelectorAll('.tile')].map(t =>"
                    + " t.getBoundingClientRect().top)).size < document.querySelectorAll('.tile').length").asBoolean())
                    .as("tiles sit side by side on a desktop").isTrue();
            browser.click(testId("cmd-lock-unlocked"));
            enterPin(browser, PIN);
            awaitOutcome(browser, "lock", "SUCCEEDED");
            browser.awaitText(testId("state-lock"), "unlocked", WAIT);

            browser.await("navigator.serviceWorker.controller !== null", WAIT, "the service worker controls the app");
            browser.offline(true);
            browser.navigate(cloud.httpBase() + "/app/");
            browser.await(visible("car-view"), WAIT, "the shell opens from the service worker without a network");
            browser.awaitText(testId("car-age"), "Last known state from", WAIT);
            browser.awaitText(testId("offline-banner"), "You are offline", WAIT);
            assertThat(browser.text(testId("state-lock"))).as("the last known state").isEqualTo("unlocked");
            browser.offline(false);
            browser.awaitText(testId("live-status"), "Live", Duration.ofSeconds(30));

            browser.click(testId("logout-button"));
            browser.await(visible("login-view"), WAIT, "the login page after logout");
            assertThat(browser.evaluate("localStorage.getItem('fleet.app.token') === null"
                    + " && localStorage.getItem('fleet.app.lastCar') === null"
                    + " && !Object.keys(localStorage).some(k => k.startsWith('fleet.app.state.'))").asBoolean())
                    .as("the token and the last known state are forgotten").isTrue();
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    /** Types {@code pin} into the PIN dialog the last command opened and sends it. */
    private static void enterPin(HeadlessChromium browser, String pin) {
        browser.await("document.getElementById('pin-dialog').open", WAIT, "the app asks for the PIN");
        browser.type(testId("pin-input"), pin);
        browser.click(testId("pin-send"));
    }

    private static void awaitOutcome(HeadlessChromium browser, String tile, String status) {
        browser.await("document.querySelector(\"" + testId("progress-" + tile) + "\").dataset.status === '" + status
                + "'", WAIT, tile + " shows " + status + " (now: " + browser.text(testId("progress-" + tile)) + ")");
    }

    private static void assertNoSidewaysScrolling(HeadlessChromium browser, String where) {
        assertThat(browser.horizontalOverflow()).as(where + ": scrollWidth - innerWidth\n" + browser.diagnostics())
                .isLessThanOrEqualTo(0);
    }
}
