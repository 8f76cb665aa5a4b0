package io.fleet.agent.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import org.junit.jupiter.api.Test;

class InterlocksTest {

    private static final VehicleState PARKED = VehicleState.parked();
    private static final VehicleState MOVING = PARKED.with("speed", 30).with("windows.fl", 50);

    @Test
    void parkedUnlockedCarMayOpenEverything() {
        assertThat(Interlocks.check(PARKED, cmd("trunk", "open"))).isEmpty();
        assertThat(Interlocks.check(PARKED, cmd("doors.fl", "open"))).isEmpty();
        assertThat(Interlocks.check(PARKED, cmd("windows.fl", 100))).isEmpty();
    }

    @Test
    void nothingOpensAndNoWindowGoesDownWhileMoving() {
        assertThat(Interlocks.check(MOVING, cmd("trunk", "open"))).get().asString().contains("moving");
        assertThat(Interlocks.check(MOVING, cmd("doors.rr", "open"))).get().asString().contains("moving");
        assertThat(Interlocks.check(MOVING, cmd("windows.fl", 60))).get().asString().contains("cannot go down");
    }

    @Test
    void closingAndRaisingAreAllowedWhileMoving() {
        assertThat(Interlocks.check(MOVING, cmd("windows.fl", 0))).isEmpty();
        assertThat(Interlocks.check(MOVING, cmd("doors.fl", "closed"))).isEmpty();
        assertThat(Interlocks.check(MOVING, cmd("lock", "locked"))).isEmpty();
    }

    @Test
    void lockedTrunkStaysClosed() {
        assertThat(Interlocks.check(PARKED.with("lock", "locked"), cmd("trunk", "open"))).get().asString()
                .contains("locked");
        assertThat(Interlocks.check(PARKED.with("lock", "locked"), cmd("doors.fl", "open"))).isEmpty();
    }

    private static Command cmd(String path, Object value) {
        return new Command(path, value, value);
    }
}
