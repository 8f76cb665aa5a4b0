package io.fleet.agent.e2e;

import static io.fleet.agent.e2e.SimulatedCars.logIn;
import static io.fleet.agent.e2e.SimulatedCars.testId;
import static io.fleet.agent.e2e.SimulatedCars.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.AdjustableClock;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.VehiclesConfig;
import io.fleet.cloud.console.HeadlessChromium;
import io.fleet.cloud.users.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel and expiry as an owner and an operator see them in headless Chromium, with the car's agent stopped: the
 * owner app and the console's vehicle page cancel a command the car has not received (CANCELED shown, the desired
 * value and its expiry gone from the shadow), and the app shows a command that expired unreceived as EXPIRED. The
 * cloud runs on an {@link AdjustableClock} that the test moves past the expiry instead of waiting.
 */
class CommandCancelBrowserIT {

    private static final String CAR = "cancel-it-car";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AdjustableClock CLOCK = AdjustableClock.ticking();
    private static RunningCloud cloud;

    @TempDir
    Path journals;

    @BeforeAll
    static void start() {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
        // A 4 s command timeout makes the overdue sweep run every second.
        cloud = RunningCloud.start(config -> config.withVehicles(VehiclesConfig.defaults()
                .withCommandTimeout(Duration.ofSeconds(4)).withMaxCommandExpiry(Duration.ofHours(2))), CLOCK);
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void anOwnerCancelsACommandToAnOfflineCarAndSeesAnotherExpire() throws Exception {
        String token = cloud.service().users().addUser("cancel-it-owner", User.Role.OWNER, List.of(CAR));
        AppApiClient api = new AppApiClient(cloud.httpBase(), token);
        parkAndStop();

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(390, 844, true);
            logIn(browser, cloud, "/app/", token, "car-view");
            browser.awaitText(testId("live-status"), "Live", WAIT);
            browser.awaitText(testId("car-online"), "Offline", WAIT);

            browser.click(testId("cmd-lock-locked"));
            awaitStatus(browser, "lock", "PENDING");
            assertThat(browser.text(testId("progress-lock"))).contains("The car is offline", "It expires at");
            String id = browser.evaluate("document.querySelector(\"" + testId("progress-lock") + "\").dataset.command")
                    .asText();
            assertThat(desired(api)).as("the command waits in the shadow").isEqualTo("locked");

            browser.click(testId("cancel-lock"));
            awaitStatus(browser, "lock", "CANCELED");
            assertThat(browser.text(testId("progress-lock"))).contains("Canceled before the car received it");
            assertThat(browser.evaluate("document.querySelector(\"" + testId("cancel-lock") + "\") === null")
                    .asBoolean()).as("nothing left to cancel").isTrue();
            assertThat(api.get("/api/vehicles/" + CAR + "/commands/" + id).body().path("status").asText())
                    .isEqualTo("CANCELED");
            JsonNode desired = api.get("/api/vehicles/" + CAR).body().at("/shadow/state/desired");
            assertThat(desired.has("lock")).as("desired lock withdrawn: " + desired).isFalse();
            assertThat(desired.at("/commandExpiry/lock").isMissingNode()).as("its expiry too: " + desired).isTrue();

            String climate = api.command(CAR, "climate.on", "true", "60").body().path("id").asText();
            browser.await("document.querySelector(\"" + testId("progress-climate") + "\").dataset.command === '"
                    + climate + "'", WAIT, "the app shows the command sent from another device");
            CLOCK.advance(Duration.ofSeconds(61));
            awaitStatus(browser, "climate", "EXPIRED");
            assertThat(browser.text(testId("progress-climate"))).contains("Expired",
                    "Expired: the car did not receive it in time");
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    @Test
    void anOperatorCancelsACommandToAnOfflineCarOnItsConsolePage() throws Exception {
        String token = cloud.service().users().addUser("cancel-it-operator", User.Role.ADMIN, List.of());
        AppApiClient api = new AppApiClient(cloud.httpBase(), token);
        parkAndStop();

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1280, 900, false);
            logIn(browser, cloud, "/", token, "list-view");
            browser.navigate(cloud.httpBase() + "/#/vehicles/" + CAR);
            browser.await(visible("vehicle-view"), WAIT, "the vehicle page is shown");
            browser.awaitText(testId("stream-status"), "Live", WAIT);

            browser.click(testId("cmd-trunk-open")); // the car reports its trunk closed: a command it has to carry out
            String pending = "#command-history tr[data-attribute='trunk'][data-status='PENDING']";
            browser.await("document.querySelector(\"" + pending + "\")", WAIT, "the history shows trunk PENDING");
            String id = browser.evaluate("document.querySelector(\"" + pending + "\").dataset.testid.slice(8)")
                    .asText();
            browser.click(testId("cancel-" + id));
            browser.awaitText(testId("command-status-" + id), "CANCELED", WAIT);
            assertThat(browser.evaluate("document.querySelector(\"" + testId("cancel-" + id) + "\") === null")
                    .asBoolean()).as("nothing left to cancel").isTrue();
            assertThat(api.get("/api/vehicles/" + CAR).body().at("/shadow/state/desired/trunk").isMissingNode())
                    .as("desired trunk withdrawn").isTrue();
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    /** The car reports its parked state once, then its agent stops: commands now wait for it. */
    private void parkAndStop() throws Exception {
        try (DeviceAgent agent = SimulatedCars.start(cloud, CAR, journals)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
        }
    }

    private static String desired(AppApiClient api) throws Exception {
        return api.get("/api/vehicles/" + CAR).body().at("/shadow/state/desired/lock").asText();
    }

    private static void awaitStatus(HeadlessChromium browser, String tile, String status) {
        browser.await("document.querySelector(\"" + testId("progress-" + tile) + "\")?.dataset.status === '" + status
                + "'", WAIT, tile + " shows " + status + " (now: " + browser.text(testId("progress-" + tile)) + ")");
    }
}
