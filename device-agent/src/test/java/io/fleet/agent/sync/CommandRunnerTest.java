package io.fleet.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.ecu.SimulationSettings.SpeedStep;
import io.fleet.model.vehicle.CommandStatus;
import io.fleet.model.vehicle.LastCommand;
import io.fleet.model.vehicle.VehicleAttributes;
import io.fleet.model.vehicle.VehicleState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    @Test
    void anInjectedEcuFaultIsReportedAsFailedWithItsReason() {
        try (SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(),
                SimulationSettings.fast().withFailingPaths(Set.of("trunk")))) {
            LastCommand outcome = new CommandRunner(car, CLOCK, Duration.ofSeconds(5))
                    .run(VehicleAttributes.parse("trunk", "open"), 7);
            assertThat(outcome.status()).isEqualTo(CommandStatus.FAILED);
            assertThat(outcome.reason()).contains("simulated ECU fault");
            assertThat(outcome.desiredVersion()).isEqualTo(7);
            assertThat(outcome.at()).isEqualTo(1_800_000_000L);
        }
    }

    @Test
    void anActuationSlowerThanTheTimeoutIsTimedOut() {
        try (SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(), SimulationSettings.realistic())) {
            LastCommand outcome = new CommandRunner(car, CLOCK, Duration.ofMillis(50))
                    .run(VehicleAttributes.parse("windows.rr", "down"), 3);
            assertThat(outcome.status()).isEqualTo(CommandStatus.TIMED_OUT);
            assertThat(outcome.reason()).contains("50 ms");
        }
    }

    @Test
    void aMovingCarRejectsOpeningAndAlreadyReachedStatesSucceedWithoutActuation() throws Exception {
        try (SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(), SimulationSettings.fast()
                .withDriveProfile(List.of(new SpeedStep(Duration.ofMinutes(1), 50))))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> car.state().speed() > 0);
            CommandRunner runner = new CommandRunner(car, CLOCK, Duration.ofSeconds(5));
            LastCommand door = runner.run(VehicleAttributes.parse("doors.fl", "open"), 1);
            assertThat(door.status()).isEqualTo(CommandStatus.REJECTED);
            assertThat(door.reason()).contains("moving");
            assertThat(runner.run(VehicleAttributes.parse("doors.fl", "closed"), 2).status())
                    .isEqualTo(CommandStatus.SUCCEEDED);
        }
    }
}
