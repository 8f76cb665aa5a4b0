package io.fleet.rig.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.replay.ChannelMap;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.ReplayOptions;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.SendObserver;
import io.fleet.rig.source.InMemoryRecordSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Real replays over loopback UDP in the cannelloni format. Lateness is measured at the receiver and reported, but
 * never asserted: wall-clock speed belongs to the benchmark, not to tests.
 */
class CannelloniReplayIT {

    private static final long SPACING_NANOS = 250_000;

    @Test
    void everyFrameArrivesOnceAndInOrder() throws Exception {
        int frames = 2_000;
        try (FakeCannelloniGateway gateway = new FakeCannelloniGateway(f -> List.of());
             CannelloniUdpOutput out = new CannelloniUdpOutput("A", gateway.address(), 0, 8, 1)) {
            ReplaySession session = session(frames, 1, List.of(out), ChannelMap.DEFAULT);

            session.start();
            ReplayResult result = session.awaitResult();
            List<FakeCannelloniGateway.Received> received = gateway.awaitFrames(frames, 5_000);

            assertThat(result.sent()).isEqualTo(frames);
            assertThat(result.dropped()).isZero();
            assertThat(received).hasSize(frames);
            assertThat(received).extracting(r -> index(r.frame())).isSorted().doesNotHaveDuplicates();
            Histogram atReceiver = receiverLateness(received, session);
            System.out.printf("receiver lateness p50=%d us p99=%d us max=%d us%n",
                    atReceiver.getValueAtPercentile(50) / 1000, atReceiver.getValueAtPercentile(99) / 1000,
                    atReceiver.getMaxValue() / 1000);
        }
    }

    @Test
    void aFrameWithARawDlcAboveEightIsDroppedWithTheReasonNeverSentAsDlcEight() throws Exception {
        // cannelloni's wire has the length byte only: a len8 DLC would reach the DUT as DLC 8, not as recorded
        int frames = 200;
        InMemoryRecordSource source = new InMemoryRecordSource("len8", frames,
                i -> i % 10 == 0 ? frame(i, 1).withDlc(14) : frame(i, 1));
        try (FakeCannelloniGateway gateway = new FakeCannelloniGateway(f -> List.of());
             CannelloniUdpOutput out = new CannelloniUdpOutput("A", gateway.address(), 0, 1, 1)) {
            ReplaySession session = new ReplaySession(source, List.of(out), ReplayOptions.defaults(),
                    ReplayClock.system(), ReplaySession.defaultThreads(), SendObserver.NONE);

            session.start();
            ReplayResult result = session.awaitResult();
            List<FakeCannelloniGateway.Received> received = gateway.awaitFrames(frames - 20, 5_000);

            assertThat(result.dropped()).isEqualTo(20);
            assertThat(result.outputs().get(0).lastError())
                    .contains("cannelloni cannot carry the raw DLC 14 of frame 0x101");
            assertThat(received).hasSize(frames - 20).allMatch(r -> index(r.frame()) % 10 != 0)
                    .allMatch(r -> r.frame().dlc() == 8);
        }
    }

    @Test
    void fourBusesMappedToFourGatewaysGetTheirOwnChannelsOnly() throws Exception {
        int frames = 2_000;
        List<FakeCannelloniGateway> gateways = new ArrayList<>();
        List<BusOutput> outputs = new ArrayList<>();
        try {
            for (int bus = 1; bus <= 4; bus++) {
                FakeCannelloniGateway gateway = new FakeCannelloniGateway(f -> List.of());
                gateways.add(gateway);
                outputs.add(new CannelloniUdpOutput("bus" + bus, gateway.address(), 0, 4, bus));
            }
            ReplaySession session = session(frames, 4, outputs,
                    ChannelMap.parse(List.of("1=bus1,2=bus2,3=bus3,4=bus4")));

            session.start();
            ReplayResult result = session.awaitResult();

            assertThat(result.dropped()).isZero();
            assertThat(result.unmapped()).isZero();
            for (int bus = 0; bus < 4; bus++) {
                List<FakeCannelloniGateway.Received> received = gateways.get(bus).awaitFrames(frames / 4, 5_000);
                int expectedId = 0x100 + bus + 1;
                assertThat(received).hasSize(frames / 4);
                assertThat(received).allMatch(r -> r.frame().id() == expectedId);
                assertThat(received).extracting(r -> index(r.frame())).isSorted();
            }
        } finally {
            for (BusOutput output : outputs) {
                output.close();
            }
            for (FakeCannelloniGateway gateway : gateways) {
                gateway.close();
            }
        }
    }

    private static ReplaySession session(int frames, int buses, List<BusOutput> outputs, ChannelMap map) {
        InMemoryRecordSource source = new InMemoryRecordSource("synthetic", frames, i -> frame(i, 1 + i % buses));
        ReplayOptions options = ReplayOptions.defaults().withChannelMap(map).withTiming(1024, 150_000, 20_000_000, 8);
        return new ReplaySession(source, outputs, options, ReplayClock.system(), ReplaySession.defaultThreads(),
                SendObserver.NONE);
    }

    /** Frame {@code i} is due {@code i * 250 us} after start and carries {@code i} in its payload. */
    static CanFrame frame(int i, int channel) {
        byte[] data = ByteBuffer.allocate(8).putLong(i).array();
        return CanFrame.classic(i * SPACING_NANOS, channel, 0x100 + channel, false, data);
    }

    static long index(CanFrame frame) {
        return ByteBuffer.wrap(frame.data()).getLong();
    }

    private static Histogram receiverLateness(List<FakeCannelloniGateway.Received> received, ReplaySession session) {
        Histogram histogram = new Histogram(3);
        for (FakeCannelloniGateway.Received r : received) {
            long deadline = session.timeline().deadline(index(r.frame()) * SPACING_NANOS);
            histogram.recordValue(Math.max(0, r.receivedAtNanos() - deadline));
        }
        return histogram;
    }
}
