package io.fleet.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.agent.TestAgents;
import io.fleet.agent.ecu.CountingEcu;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.AdjustableClock;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.VehiclesConfig;
import io.fleet.cloud.users.User;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel and expiry with the real agent, the embedded broker and the shadow service: a cancel racing the agent's
 * receipt (exactly one wins, and the car does what the winner says), and expiry while the car is offline, decided by
 * the cloud (withdrawn) or, when the car comes back before the cloud has withdrawn it, by the agent. The cloud runs on
 * an {@link AdjustableClock} that the tests move instead of waiting.
 */
class CommandLifecycleEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AdjustableClock CLOCK = AdjustableClock.ticking();
    private static final AtomicInteger MARKERS = new AtomicInteger();
    private static RunningCloud cloud;
    private static AppApiClient app;

    @TempDir
    Path journals;

    @BeforeAll
    static void start() throws Exception {
        // A 4 s command timeout makes the overdue sweep run every second.
        cloud = RunningCloud.start(config -> config.withVehicles(VehiclesConfig.defaults()
                .withCommandTimeout(Duration.ofSeconds(4)).withMaxCommandExpiry(Duration.ofHours(2))), CLOCK);
        app = new AppApiClient(cloud.httpBase(), cloud.service().users().addUser("lifecycle-owner", User.Role.OWNER,
                List.of("race-car", "away-car", "late-car", "busy-car"))).withPin("lifecycle-owner", "2468");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void aCancelRacingTheAgentsReceiptHasExactlyOneWinnerAndTheCarDoesWhatItSays() throws Exception {
        CountingEcu ecu = new CountingEcu(TestAgents.simulatedCar(VehicleState.parked()));
        int cancelled = 0;
        int received = 0;
        try (DeviceAgent agent = TestAgents.start(cloud, journals, "race-car", ecu)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            for (int round = 0; round < 6; round++) {
                String before = reportedLock("race-car");
                String wanted = "locked".equals(before) ? "unlocked" : "locked";
                int actuated = ecu.actuated().size();
                String id = app.command("race-car", "lock", "\"" + wanted + "\"", "600").body().path("id").asText();
                AppApiClient.Reply cancel = app.cancel("race-car", id); // while the delta is on its way to the car
                if (cancel.status() == 200) {
                    cancelled++;
                    assertThat(cancel.body().path("status").asText()).isEqualTo("CANCELED");
                    hornFlashed("race-car"); // the lock's delta went out before it: the car has handled it
                    assertThat(app.get("/api/vehicles/race-car/commands/" + id).body().path("status").asText())
                            .as("round %d: nothing overturns the cancel", round).isEqualTo("CANCELED");
                    assertThat(ecu.actuated().subList(actuated, ecu.actuated().size())).extracting(Command::path)
                            .as("round %d: the car did not act on the lock", round).containsExactly("horn_flash");
                    assertThat(reportedLock("race-car")).isEqualTo(before);
                } else {
                    received++;
                    assertThat(cancel.status()).as("round %d", round).isEqualTo(409);
                    assertThat(cancel.body().at("/command/status").asText()).isIn("DELIVERED", "SUCCEEDED");
                    JsonNode done = app.awaitCommand("race-car", id, WAIT,
                            c -> c.path("status").asText().equals("SUCCEEDED"));
                    assertThat(done.path("status").asText()).as("round %d", round).isEqualTo("SUCCEEDED");
                    assertThat(ecu.actuated()).extracting(Command::value).last().isEqualTo(wanted);
                }
            }
        }
        assertThat(cancelled + received).isEqualTo(6);
    }

    @Test
    void aCancelTheShadowAcceptedBeforeTheAgentsReceiptStopsTheCommandInTheAgent() throws Exception {
        // The window takes 3 s: while the agent is busy with it, the lock command's delta waits in the agent's queue
        // and the cancel reaches the shadow first. The agent's receipt at the delta's version then meets a version
        // conflict and, reading the shadow again, finds the lock withdrawn.
        CountingEcu ecu = new CountingEcu(new SimulatedVehicle(VehicleState.parked(), new SimulationSettings(
                Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(2), List.of(), Set.of())));
        try (DeviceAgent agent = TestAgents.start(cloud, journals, "busy-car", ecu)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            String before = reportedLock("busy-car");
            String window = app.command("busy-car", "windows.fl", "\"down\"", "600").body().path("id").asText();
            app.awaitCommand("busy-car", window, WAIT, c -> c.path("status").asText().equals("DELIVERED"));
            String wanted = "locked".equals(before) ? "unlocked" : "locked";
            String lock = app.command("busy-car", "lock", "\"" + wanted + "\"", "600").body().path("id").asText();
            AppApiClient.Reply cancel = app.cancel("busy-car", lock);
            assertThat(cancel.status()).as("the agent is still busy with the window").isEqualTo(200);

            assertThat(app.awaitCommand("busy-car", window, WAIT, c -> c.path("status").asText().equals("SUCCEEDED"))
                    .path("status").asText()).isEqualTo("SUCCEEDED");
            hornFlashed("busy-car"); // after the lock's delta in the agent's queue: its receipt has been refused
            assertThat(ecu.actuated()).extracting(Command::path).containsExactly("windows.fl", "horn_flash");
            assertThat(reportedLock("busy-car")).isEqualTo(before);
            assertThat(app.get("/api/vehicles/busy-car/commands/" + lock).body().path("status").asText())
                    .isEqualTo("CANCELED");
        }
    }

    @Test
    void aCommandTheOfflineCarDidNotReceiveBeforeItsExpiryIsExpiredWithdrawnAndNeverExecuted() throws Exception {
        AppApiClient.Reply accepted = app.command("away-car", "trunk", "\"open\"", "3600");
        assertThat(accepted.body().path("status").asText()).isEqualTo("PENDING");
        String id = accepted.body().path("id").asText();
        await("a sweep for overdue commands").atMost(WAIT)
                .until(() -> cloud.service().vehicleFeature().sweepOverdueCommandsNow().get(), ran -> ran);
        assertThat(app.get("/api/vehicles/away-car/commands/" + id).body().path("status").asText())
                .as("an hour to wait, not yet expired").isEqualTo("PENDING");

        CLOCK.advance(Duration.ofSeconds(3601));
        JsonNode expired = app.awaitCommand("away-car", id, WAIT, c -> c.path("status").asText().equals("EXPIRED"));
        assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.path("reason").asText()).contains("did not receive the command within 3600 s");
        assertThat(app.get("/api/vehicles/away-car").body().at("/shadow/state/desired/trunk").isMissingNode())
                .isTrue();

        // Sent while the car is offline, the first horn flash reaches it only with the shadow it reads on connect,
        // together with whatever else is desired; the second, sent once the first is done, comes after that read.
        String whileOffline = app.command("away-car", "horn_flash", "\"offline-marker\"", "600").body().path("id")
                .asText();
        CountingEcu ecu = new CountingEcu(TestAgents.simulatedCar(VehicleState.parked()));
        try (DeviceAgent agent = TestAgents.start(cloud, journals, "away-car", ecu)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            awaitReported("away-car");
            assertThat(app.awaitCommand("away-car", whileOffline, WAIT,
                    c -> c.path("status").asText().equals("SUCCEEDED")).path("status").asText())
                    .isEqualTo("SUCCEEDED");
            hornFlashed("away-car");
            assertThat(ecu.actuated()).extracting(Command::path)
                    .as("the car that came back did not open its trunk").containsExactly("horn_flash", "horn_flash");
            assertThat(app.get("/api/vehicles/away-car").body().at("/shadow/state/reported/trunk").asText())
                    .isEqualTo("closed");
        }
    }

    @Test
    void aCarThatComesBackAfterTheExpiryButBeforeTheCloudWithdrewItDoesNotExecuteIt() throws Exception {
        AppApiClient.Reply accepted = app.command("late-car", "trunk", "\"open\"", "3600");
        String id = accepted.body().path("id").asText();
        // The car's clock is two hours ahead of the cloud's: for the car, the command expired an hour ago, while the
        // cloud still waits for it (as when the car comes back in the seconds before the cloud's sweep).
        Clock carClock = Clock.offset(CLOCK, Duration.ofHours(2));
        CountingEcu ecu = new CountingEcu(TestAgents.simulatedCar(VehicleState.parked()));
        try (DeviceAgent agent = DeviceAgent.start(TestAgents.config(cloud, journals, "late-car",
                cloud.certificates().thing("late-car")), ecu, carClock)) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            JsonNode expired = app.awaitCommand("late-car", id, WAIT,
                    c -> c.path("status").asText().equals("EXPIRED"));
            assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
            assertThat(expired.path("reason").asText()).contains("after the command expired");
            assertThat(ecu.actuated()).isEmpty();
        }
    }

    /**
     * Sends a horn flash (a token of its own each time, so it is never "already done") and waits until it SUCCEEDED.
     * The agent handles deltas one at a time in the order the shadow published them: once this one is done, every
     * delta published before it has been handled, so what did not happen before it will not happen.
     */
    private static void hornFlashed(String vehicle) throws Exception {
        String id = app.command(vehicle, "horn_flash", "\"marker-" + MARKERS.incrementAndGet() + "\"", "600").body()
                .path("id").asText();
        assertThat(app.awaitCommand(vehicle, id, WAIT, c -> c.path("status").asText().equals("SUCCEEDED"))
                .path("status").asText()).as("%s's horn flash %s", vehicle, id).isEqualTo("SUCCEEDED");
    }

    private static String reportedLock(String vehicle) throws Exception {
        return awaitReported(vehicle).path("lock").asText();
    }

    private static JsonNode awaitReported(String vehicle) throws Exception {
        return await(vehicle + " reporting its lock").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> app.get("/api/vehicles/" + vehicle).body().at("/shadow/state/reported"),
                        reported -> reported.has("lock"));
    }
}
