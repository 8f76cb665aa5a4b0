package io.fleet.agent.e2e;

import io.fleet.agent.AgentConfig;
import io.fleet.agent.TestAgents;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.cloud.console.HeadlessChromium;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** What the browser tests share: a parked simulated car's agent on the test cloud, and test-id selectors. */
final class SimulatedCars {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private SimulatedCars() {
    }

    /** The agent of a parked car that actuates at once, with its certificate from the cloud's test CA. */
    static DeviceAgent start(RunningCloud cloud, String car, Path journals) throws Exception {
        CertificateAndKey identity = cloud.certificates().thing(car);
        AgentConfig config = TestAgents.builder(cloud, journals, car, identity)
                .metricsInterval(Duration.ofMillis(200)).build();
        return DeviceAgent.start(config, new SimulatedVehicle(VehicleState.parked(), SimulationSettings.fast()),
                Clock.systemUTC());
    }

    /**
     * Opens {@code path} of the cloud and logs in with {@code token} (the app and the console share the login form)
     * until the view {@code view} shows.
     */
    static void logIn(HeadlessChromium browser, RunningCloud cloud, String path, String token, String view) {
        browser.navigate(cloud.httpBase() + path);
        browser.await(visible("login-view"), WAIT, "the login page is shown");
        browser.type(testId("token-input"), token);
        browser.click(testId("login-button"));
        browser.await(visible(view), WAIT, view + " is shown after login");
    }

    static String testId(String id) {
        return "[data-testid='" + id + "']";
    }

    /** A JavaScript condition: the element with this test id is not hidden. */
    static String visible(String testId) {
        return "!document.querySelector(\"" + testId(testId) + "\").hidden";
    }
}
