package io.fleet.agent.ecu.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fleet.agent.ecu.ActuationException;
import io.fleet.cloud.AdjustableClock;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The adapter against a recording transport: exact command bytes, status decoding, acknowledgements, timeouts. */
class CanEcuAdapterTest {

    static final DbcDatabase DBC = load();
    private static final int BODY_COMMAND = 0x210;
    private static final int BODY_STATUS = 0x310;

    private final RecordingTransport bus = new RecordingTransport();
    private final AdjustableClock clock = AdjustableClock.standingStill();
    private CanEcuAdapter adapter = adapter(Duration.ofSeconds(5));

    private static DbcDatabase load() {
        try {
            return BodyControllerDbc.bundled();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CanEcuAdapter adapter(Duration confirmTimeout) {
        return new CanEcuAdapter(DBC, CanSignalMap.bodyController(), bus, VehicleState.parked(), clock,
                confirmTimeout, Thread::new);
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @ParameterizedTest(name = "{0}={1} -> {3}")
    @CsvSource({
            // path, value, message id, payload: byte 3 0xFF = climate target "NoChange", counter 0 in byte 7
            "doors.fl, open, 0x210, 010000FF00000000",
            "doors.rr, closed, 0x210, 800000FF00000000",
            "lock, locked, 0x210, 000100FF00000000",
            "lock, unlocked, 0x210, 000200FF00000000",
            "trunk, open, 0x210, 000400FF00000000",
            "trunk, closed, 0x210, 000800FF00000000",
            "headlights, off, 0x210, 001000FF00000000",
            "headlights, on, 0x210, 002000FF00000000",
            "headlights, auto, 0x210, 003000FF00000000",
            "horn_flash, token-1, 0x210, 004000FF00000000",
            "climate.on, true, 0x210, 000002FF00000000",
            "climate.on, false, 0x210, 000001FF00000000",
            "climate.target, 21.5, 0x210, 0000000B00000000",
            // windows: the others stay 0xFF "NoChange"
            "windows.fl, 50, 0x211, 32FFFFFF00000000",
            "windows.rl, 100, 0x211, FFFF64FF00000000",
    })
    void commandsBecomeTheDbcFrames(String path, String value, String id, String payload) throws Exception {
        busReportsParked();
        adapter.actuate(new Command(path, parse(value), parse(value)));

        CanFrame frame = bus.nextSent();

        assertThat(frame.id()).isEqualTo(Integer.decode(id));
        assertThat(frame.extended()).isFalse();
        assertThat(frame.fd()).isFalse();
        assertThat(HexFormat.of().withUpperCase().formatHex(frame.data())).isEqualTo(payload);
    }

    private static Object parse(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        if (value.matches("\\d+")) {
            return Integer.parseInt(value);
        }
        return value.matches("\\d+\\.\\d+") ? (Object) Double.parseDouble(value) : value;
    }

    @Test
    void statusFramesBecomeTheState() throws Exception {
        List<VehicleState> seen = new CopyOnWriteArrayList<>();
        adapter.onStateChange(seen::add);

        // Door FL open; locked (bits 8-9 = 1); ignition On (bits 14-15 = 2); climate on; target 0x0A -> 21 degC.
        bus.deliver(frame(BODY_STATUS, "0181010A5A300000"));
        // Speed 0x1F40 -> 80 km/h; odometer 0x01E240 -> 12345.6 km; fuel 0x64 -> 50 %.
        bus.deliver(frame(0x312, "401F40E201640000"));
        // Windows FL 50 %, FR 0, RL 100, RR 0xFF "SNA" (keeps what was known).
        bus.deliver(frame(0x311, "320064FF30"));

        await().atMost(Duration.ofSeconds(2)).until(adapter::state, s -> s.get("windows.rl").equals(100));
        VehicleState state = adapter.state();
        assertThat(state.get("doors.fl")).isEqualTo("open");
        assertThat(state.get("doors.fr")).isEqualTo("closed");
        assertThat(state.get("lock")).isEqualTo("locked");
        assertThat(state.get("ignition")).isEqualTo("on");
        assertThat(state.get("climate.on")).isEqualTo(true);
        assertThat(state.get("climate.target")).isEqualTo(21);
        assertThat(state.get("speed")).isEqualTo(80);
        assertThat(state.get("odometer")).isEqualTo(12345.6);
        assertThat(state.get("fuel")).isEqualTo(50);
        assertThat(state.get("windows.fl")).isEqualTo(50);
        assertThat(state.get("windows.rr")).isEqualTo(0);
        assertThat(state.get("firmware")).as("leaves the bus does not carry stay").isEqualTo("sim-1.0.0");
        assertThat(seen).hasSize(3);
        assertThat(adapter.stateKnown()).isTrue();
    }

    @Test
    void completesWhenTheStatusShowsTheCommandedValueAndRepeatsUntilThen() throws Exception {
        busReportsParked();
        CompletableFuture<VehicleState> done = adapter.actuate(new Command("trunk", "open", "open"));
        CanFrame first = bus.nextSent();
        CanFrame repeated = bus.nextSent(); // 100 ms cycle, same counter: the BCM acts once

        assertThat(repeated.data()).isEqualTo(first.data());
        bus.deliver(frame(BODY_STATUS, "0000000A00000000")); // accepted (counter 0, result 0), trunk still closed
        assertThat(done).isNotDone();
        bus.deliver(frame(BODY_STATUS, "0004000A00000000")); // TrunkState bits 10-11 = 1: open

        assertThat(done.get(2, TimeUnit.SECONDS).get("trunk")).isEqualTo("open");
    }

    @Test
    void aFaultAcknowledgementFailsTheCommandWithTheEcusWord() {
        busReportsParked();
        CompletableFuture<VehicleState> done = adapter.actuate(new Command("doors.fl", "open", "open"));

        // BodyCmd_AckCounter 0, BodyCmd_Result 2 = Fault (bits 44-45 -> byte 5 = 0x20)
        awaitSent();
        bus.deliver(frame(BODY_STATUS, "0000000A00200000"));

        assertThatThrownBy(() -> done.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ActuationException.class)
                .hasMessage("the ECU answered Fault to doors.fl=open (counter 0)");
    }

    @Test
    void theHornIsConfirmedByItsAcknowledgementAndCountersAdvance() throws Exception {
        busReportsParked();
        // The BCM last acted on counter 5 (accepted); frames and commands are handled in order on one thread.
        bus.deliver(frame(BODY_STATUS, "0000000A00050000"));

        CompletableFuture<VehicleState> done = adapter.actuate(new Command("horn_flash", "token-7", "token-7"));
        CanFrame frame = bus.nextSent();

        assertThat(frame.byteAt(7)).as("counter continues after the BCM's").isEqualTo(6);
        bus.deliver(frame(BODY_STATUS, "0000000A00060000"));
        assertThat(done.get(2, TimeUnit.SECONDS).get("horn_flash")).isEqualTo("token-7");
    }

    @Test
    void commandsFailUntilEveryStatusMessageHasArrived() throws Exception {
        bus.deliver(frame(BODY_STATUS, "0000000A00300000"));

        assertThatThrownBy(() -> adapter.actuate(new Command("doors.fl", "open", "open")).get(2, TimeUnit.SECONDS))
                .cause().isInstanceOf(ActuationException.class).hasMessage("the vehicle's state is not known yet:"
                        + " no status from BCM_VehicleStatus, BCM_WindowStatus (is the recording bus up?)");
        assertThat(adapter.stateKnown()).isFalse();
        assertThat(bus.sent()).isEmpty();
    }

    @Test
    void commandsFailWhenTheStatusHasGoneStale() throws Exception {
        busReportsParked();
        clock.advance(Duration.ofMillis(1500)); // ten 100 ms cycles of BCM_BodyStatus and BCM_VehicleStatus are gone

        assertThatThrownBy(() -> adapter.actuate(new Command("trunk", "open", "open")).get(2, TimeUnit.SECONDS))
                .cause().isInstanceOf(ActuationException.class).hasMessage("the vehicle's state is stale: no status"
                        + " from BCM_BodyStatus for 1500 ms, BCM_VehicleStatus for 1500 ms (is the recording bus up?)");
        busReportsParked();
        adapter.actuate(new Command("trunk", "open", "open"));
        assertThat(bus.nextSent().id()).as("fresh again").isEqualTo(BODY_COMMAND);
    }

    @Test
    void noConfirmationWithinTheTimeoutFails() {
        adapter.close();
        adapter = adapter(Duration.ofMillis(300));
        busReportsParked();

        CompletableFuture<VehicleState> done = adapter.actuate(new Command("windows.fl", 40, 40));

        assertThatThrownBy(() -> done.get(3, TimeUnit.SECONDS)).cause().isInstanceOf(ActuationException.class)
                .hasMessage("no confirmation from TCU_WindowCommand's receiver within 300 ms");
        assertThat(bus.sent().size()).as("repeated meanwhile").isGreaterThanOrEqualTo(2);
    }

    @Test
    void sendErrorsAndUnmappedPathsFailWithoutThrowing() {
        busReportsParked();
        bus.failSendsWith(new IOException("Network is unreachable"));
        assertThatThrownBy(() -> adapter.actuate(new Command("lock", "locked", "locked")).get(2, TimeUnit.SECONDS))
                .cause().isInstanceOf(ActuationException.class).hasMessageContaining("Network is unreachable");
        assertThatThrownBy(() -> adapter.actuate(new Command("firmware", "2.0", "2.0")).get(2, TimeUnit.SECONDS))
                .cause().hasMessage("no CAN command signal for firmware in body-controller.dbc");
        assertThatThrownBy(() -> adapter.actuate(new Command("climate.target", 35, 35)).get(2, TimeUnit.SECONDS))
                .cause().hasMessageContaining("out of range [16.0, 30.0]");
    }

    @Test
    void unknownFramesAreCountedAndClosingFailsWhatIsPending() throws Exception {
        bus.deliver(frame(0x123, "00"));
        busReportsParked();
        CompletableFuture<VehicleState> pending = adapter.actuate(new Command("trunk", "open", "open"));
        awaitSent();

        adapter.close();

        assertThat(adapter.unknownFrames()).isEqualTo(1);
        assertThatThrownBy(() -> pending.get(2, TimeUnit.SECONDS)).cause().hasMessage("the CAN adapter closed");
        assertThat(bus.closed()).isTrue();
    }

    /** A parked car's status, each message once: all closed, climate target 21, no command acted on yet (SNA). */
    private void busReportsParked() {
        bus.deliver(frame(BODY_STATUS, "0000000A00300000"));
        bus.deliver(frame(0x311, "0000000030"));
        bus.deliver(frame(0x312, "0000000000A00000"));
        // received at the clock's present time
        await().atMost(Duration.ofSeconds(2)).until(adapter::stateKnown);
    }

    private void awaitSent() {
        try {
            bus.nextSent();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static CanFrame frame(int id, String hex) {
        return CanFrame.classic(0, 0, id, false, HexFormat.of().parseHex(hex));
    }
}
