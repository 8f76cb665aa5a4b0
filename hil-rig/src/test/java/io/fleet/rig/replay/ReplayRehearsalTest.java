package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.CannelloniUdpOutput;
import io.fleet.rig.output.LoopbackOutput;
import io.fleet.rig.source.InMemoryRecordSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up before the timeline runs the real replay path on the log's first records, but nothing reaches the
 * device under test, and the real replay afterwards sends everything as before.
 */
class ReplayRehearsalTest {

    private static final List<CanFrame> LOG = frames(50);

    @Test
    void aCannelloniGatewayReceivesNothingDuringTheWarmUpAndEveryFrameOfTheReplayAfterIt() throws Exception {
        try (DatagramChannel gateway = DatagramChannel.open()) {
            gateway.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            gateway.configureBlocking(false);
            try (CannelloniUdpOutput out = new CannelloniUdpOutput("A", (InetSocketAddress) gateway.getLocalAddress(),
                    0, 1, 1)) {
                ReplayOptions options = ReplayOptions.defaults().withTiming(16, 0, 0, 1);
                ReplayClock clock = ReplayClock.system();

                ReplayRehearsal.Result warmUp = ReplayRehearsal.rehearse(InMemoryRecordSource.of("log", LOG),
                        List.of(out), options, clock, SenderMode.PER_OUTPUT, 120);

                assertThat(warmUp.records()).isGreaterThanOrEqualTo(120); // rounds over the 50 records
                assertThat(gateway.receive(ByteBuffer.allocate(2048))).as("datagram during the warm-up").isNull();

                ReplaySession session = new ReplaySession(InMemoryRecordSource.of("log", LOG), List.of(out),
                        options.withSpeed(1000), clock, ReplaySession.defaultThreads(), SendObserver.NONE);
                session.start();
                assertThat(session.awaitResult().sent()).isEqualTo(50);
                assertThat(receivedDatagrams(gateway)).isEqualTo(50);
            }
        }
    }

    @Test
    void aCannelloniOutputRehearsesAsItsOwnClassSoTheJitProfilesTheRealSendPath() throws Exception {
        try (DatagramChannel gateway = DatagramChannel.open()) {
            gateway.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            gateway.configureBlocking(false);
            try (CannelloniUdpOutput out = new CannelloniUdpOutput("A", (InetSocketAddress) gateway.getLocalAddress(),
                    0, 1, 1); BusOutput standIn = out.rehearsal()) {
                standIn.send(LOG.get(0));

                assertThat(standIn).isInstanceOf(CannelloniUdpOutput.class);
                assertThat(standIn.name()).isEqualTo("A");
                assertThat(gateway.receive(ByteBuffer.allocate(2048))).isNull();
            }
        }
    }

    @Test
    void outputsThatCannotBeAimedElsewhereRehearseWithAStandInThatDiscards() throws Exception {
        LoopbackOutput out = new LoopbackOutput("A");

        ReplayRehearsal.Result warmUp = ReplayRehearsal.rehearse(InMemoryRecordSource.of("log", LOG), List.of(out),
                ReplayOptions.defaults(), ReplayClock.system(), SenderMode.SHARED, 50);

        assertThat(warmUp.records()).isGreaterThanOrEqualTo(50); // more rounds while the JIT compiles
        assertThat(out.sent()).isEmpty();
    }

    @Test
    void zeroRecordsIsNoWarmUp() throws Exception {
        LoopbackOutput out = new LoopbackOutput("A");

        ReplayRehearsal.Result warmUp = ReplayRehearsal.rehearse(InMemoryRecordSource.of("log", LOG), List.of(out),
                ReplayOptions.defaults(), ReplayClock.system(), SenderMode.PER_OUTPUT, 0);

        assertThat(warmUp).isEqualTo(new ReplayRehearsal.Result(0, 0));
    }

    private static int receivedDatagrams(DatagramChannel gateway) throws Exception {
        int count = 0;
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (gateway.receive(buffer) != null) {
            buffer.clear();
            count++;
        }
        return count;
    }

    private static List<CanFrame> frames(int count) {
        List<CanFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(at(i, 1, 0x100 + i, i));
        }
        return frames;
    }
}
