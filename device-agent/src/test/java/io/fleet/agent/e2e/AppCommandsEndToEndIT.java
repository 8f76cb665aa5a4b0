package io.fleet.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.agent.TestAgents;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.users.User;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command flow with the real agent: app API -> shadow desired -> delta over MQTT -> agent -> interlocks ->
 * simulated ECU -> reported + lastCommand -> command tracker -> app event stream.
 */
@ExtendWith(CloudServiceExtension.class)
class AppCommandsEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path journals;

    @Test
    void openTrunkFromTheAppSucceedsOnTheEventStream(RunningCloud cloud) throws Exception {
        AppApiClient app = new AppApiClient(cloud.httpBase(), cloud.service().users().addUser("e2e-owner",
                User.Role.OWNER, List.of("e2e-car-1"))).withPin("e2e-owner", "2468");
        // A trunk that takes its real 2 s, so the outcome cannot overtake the receipt on the stream.
        try (DeviceAgent agent = TestAgents.start(cloud, journals, "e2e-car-1",
                new SimulatedVehicle(VehicleState.parked(), SimulationSettings.realistic()));
             AppApiClient.EventStream events = app.events("e2e-car-1")) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            assertThat(events.next(WAIT, e -> e.name().equals("shadow")
                    && e.data().at("/state/reported/trunk").asText().equals("closed"))).isNotNull();

            AppApiClient.Reply accepted = app.command("e2e-car-1", "trunk", "\"open\"");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.body().path("status").asText()).isIn("PENDING", "DELIVERED");
            String id = accepted.body().path("id").asText();
            assertThat(events.next(WAIT, e -> e.name().equals("command") && e.data().path("id").asText().equals(id)
                    && e.data().path("status").asText().equals("DELIVERED"))).as("the agent's receipt").isNotNull();
            AppApiClient.Event succeeded = events.next(WAIT, e -> e.name().equals("command")
                    && e.data().path("id").asText().equals(id) && e.data().path("status").asText().equals("SUCCEEDED"));
            assertThat(succeeded).isNotNull();
            JsonNode vehicle = app.get("/api/vehicles/e2e-car-1").body();
            assertThat(vehicle.at("/shadow/state/reported/trunk").asText()).isEqualTo("open");
            assertThat(vehicle.path("online").asBoolean()).isTrue();
        }
    }

    @Test
    void theAgentsInterlockRefusalReachesTheAppWithItsReason(RunningCloud cloud) throws Exception {
        AppApiClient app = new AppApiClient(cloud.httpBase(), cloud.service().users().addUser("e2e-driver",
                User.Role.OWNER, List.of("e2e-car-2"))).withPin("e2e-driver", "2468");
        try (DeviceAgent agent = TestAgents.start(cloud, journals, "e2e-car-2",
                TestAgents.simulatedCar(VehicleState.parked().with("speed", 50)))) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            String id = app.command("e2e-car-2", "doors.fl", "\"open\"").body().path("id").asText();
            JsonNode command = app.awaitCommand("e2e-car-2", id, WAIT,
                    c -> c.path("status").asText().equals("REJECTED"));
            assertThat(command.path("status").asText()).isEqualTo("REJECTED");
            assertThat(command.path("reason").asText()).contains("moving");
        }
    }
}
