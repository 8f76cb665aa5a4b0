package io.fleet.agent.ecu.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fleet.agent.ecu.ActuationException;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter and the simulated body ECU at the two ends of real cannelloni UDP sockets on loopback, each with its
 * own threads, as the agent and a CAN/Ethernet gateway would run.
 */
class CanEcuAdapterIT {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration ACTUATION = Duration.ofMillis(50);

    private DatagramChannel ecuSocket;
    private CannelloniCanTransport agentSide;
    private SimulatedBodyEcu ecu;
    private CanEcuAdapter adapter;
    private final List<VehicleState> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        DbcDatabase dbc = BodyControllerDbc.bundled();
        ecuSocket = DatagramChannel.open().bind(ANY_LOOPBACK);
        agentSide = CannelloniCanTransport.open(ANY_LOOPBACK, (InetSocketAddress) ecuSocket.getLocalAddress(),
                r -> new Thread(r, "can-rx-agent"));
        CannelloniCanTransport ecuSide = new CannelloniCanTransport(ecuSocket, agentSide.localAddress(),
                r -> new Thread(r, "can-rx-ecu"));
        ecu = new SimulatedBodyEcu(dbc, CanSignalMap.bodyController(), ecuSide, VehicleState.parked(), ACTUATION,
                Set.of("doors.rl"), Clock.systemUTC(), r -> new Thread(r, "sim-bcm")).start();
        adapter = new CanEcuAdapter(dbc, CanSignalMap.bodyController(), agentSide,
                VehicleState.parked().with("lock", "unknown"), Clock.systemUTC(), Duration.ofSeconds(5),
                r -> new Thread(r, "can-ecu"));
        adapter.onStateChange(seen::add);
        await().atMost(Duration.ofSeconds(5)).until(adapter::stateKnown); // every status message has arrived once
        assertThat(adapter.state().get("lock")).isEqualTo("unlocked");
    }

    @AfterEach
    void close() {
        adapter.close();
        ecu.close();
    }

    @Test
    void trunkOpensAndTheListenerSeesIt() throws Exception {
        VehicleState after = adapter.actuate(new Command("trunk", "open", "open")).get(5, TimeUnit.SECONDS);

        assertThat(after.get("trunk")).isEqualTo("open");
        assertThat(ecu.state().get("trunk")).isEqualTo("open");
        assertThat(seen).anySatisfy(s -> assertThat(s.get("trunk")).isEqualTo("open"));
    }

    @Test
    void windowGoesToFiftyAndHeadlightsToAuto() throws Exception {
        assertThat(adapter.actuate(new Command("windows.fl", 50, "50")).get(5, TimeUnit.SECONDS)
                .get("windows.fl")).isEqualTo(50);
        assertThat(adapter.actuate(new Command("headlights", "auto", "auto")).get(5, TimeUnit.SECONDS)
                .get("headlights")).isEqualTo("auto");
        assertThat(adapter.actuate(new Command("climate.target", 22.5, 22.5)).get(5, TimeUnit.SECONDS)
                .get("climate.target")).isEqualTo(22.5);
        assertThat(adapter.state().get("windows.fr")).as("the other windows got NoChange").isEqualTo(0);
    }

    @Test
    void speedFromTheEcusStatusFramesShowsInTheState() throws Exception {
        ecu.set("speed", 42);

        await().atMost(Duration.ofSeconds(5)).until(adapter::state, s -> Integer.valueOf(42).equals(s.get("speed")));
        assertThat(seen).anySatisfy(s -> assertThat(s.speed()).isEqualTo(42));
    }

    @Test
    void theHornSoundsOnceAlthoughTheFrameRepeats() throws Exception {
        CompletableFuture<VehicleState> done = adapter.actuate(new Command("horn_flash", "req-1", "req-1"));

        assertThat(done.get(5, TimeUnit.SECONDS).get("horn_flash")).isEqualTo("req-1");
        // A later command in the same message: the ECU takes frames in the order sent and applies each after the same
        // delay, so once the headlights show "auto", every horn frame sent before has been taken and its flash applied.
        assertThat(adapter.actuate(new Command("headlights", "auto", "auto")).get(5, TimeUnit.SECONDS)
                .get("headlights")).isEqualTo("auto");
        assertThat(ecu.hornFlashes()).isEqualTo(1);
    }

    @Test
    void anEcuFaultFailsTheCommand() {
        assertThatThrownBy(() -> adapter.actuate(new Command("doors.rl", "open", "open")).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(ActuationException.class)
                .hasMessageStartingWith("the ECU answered Fault to doors.rl=open");
        assertThat(adapter.state().get("doors.rl")).isEqualTo("closed");
    }

    @Test
    void aMalformedDatagramIsCountedAndIgnored() throws Exception {
        ecuSocket.send(ByteBuffer.wrap(new byte[] {2, 0, 0, 0, 1, 0, 0, 3}), agentSide.localAddress());
        ecuSocket.send(ByteBuffer.wrap("not cannelloni".getBytes()), agentSide.localAddress());

        await().atMost(Duration.ofSeconds(5)).until(() -> agentSide.malformedDatagrams() == 2);
        assertThat(adapter.actuate(new Command("lock", "locked", "locked")).get(5, TimeUnit.SECONDS).get("lock"))
                .as("still working").isEqualTo("locked");
    }

}
