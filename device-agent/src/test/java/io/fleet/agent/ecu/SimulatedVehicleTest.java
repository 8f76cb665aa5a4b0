package io.fleet.agent.ecu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.agent.ecu.SimulationSettings.SpeedStep;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedVehicleTest {

    @Test
    void windowTravelTimeIsProportionalToDistance() {
        try (SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(), SimulationSettings.realistic())) {
            assertThat(car.actuationTime(new Command("windows.fl", 100, "down"))).isEqualTo(Duration.ofSeconds(3));
            assertThat(car.actuationTime(new Command("windows.fl", 50, 50))).isEqualTo(Duration.ofMillis(1500));
            assertThat(car.actuationTime(new Command("trunk", "open", "open"))).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void actuationChangesStateAndNotifies() throws Exception {
        LinkedBlockingQueue<VehicleState> changes = new LinkedBlockingQueue<>();
        try (SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(), SimulationSettings.fast())) {
            car.onStateChange(changes::add);
            VehicleState after = car.actuate(new Command("trunk", "open", "open")).get(5, TimeUnit.SECONDS);
            assertThat(after.get("trunk")).isEqualTo("open");
            assertThat(changes.poll(5, TimeUnit.SECONDS).get("trunk")).isEqualTo("open");
        }
    }

    @Test
    void injectedFailureFailsTheActuation() {
        try (SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(),
                SimulationSettings.fast().withFailingPaths(Set.of("trunk")))) {
            assertThatThrownBy(() -> car.actuate(new Command("trunk", "open", "open")).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ActuationException.class);
            assertThat(car.state().get("trunk")).isEqualTo("closed");
        }
    }

    @Test
    void driveProfileChangesSpeed() throws Exception {
        LinkedBlockingQueue<VehicleState> changes = new LinkedBlockingQueue<>();
        try (SimulatedVehicle car = new SimulatedVehicle(VehicleState.parked(), SimulationSettings.fast()
                .withDriveProfile(List.of(new SpeedStep(Duration.ofMillis(100), 0),
                        new SpeedStep(Duration.ofMillis(10), 40))))) {
            car.onStateChange(changes::add);
            VehicleState moving = changes.poll(5, TimeUnit.SECONDS);
            assertThat(moving.speed()).isEqualTo(40);
            assertThat(moving.get("ignition")).isEqualTo("on");
        }
    }
}
