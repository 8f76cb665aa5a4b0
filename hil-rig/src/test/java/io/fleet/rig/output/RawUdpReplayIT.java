package io.fleet.rig.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.ReplayOptions;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.SendObserver;
import io.fleet.rig.source.InMemoryRecordSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Automotive Ethernet payloads re-sent as UDP to a loopback receiver, in order, with their recorded ports. */
class RawUdpReplayIT {

    @Test
    void datagramsArriveInOrderOnTheirRecordedDestinationPort() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramChannel someIpA = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
             DatagramChannel someIpB = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0))) {
            int portA = ((InetSocketAddress) someIpA.getLocalAddress()).getPort();
            int portB = ((InetSocketAddress) someIpB.getLocalAddress()).getPort();
            List<BusRecord> log = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                log.add(new UdpDatagram(i * 200_000L, 1, Direction.RX, InetAddress.getByName("10.0.0.2"), 30501,
                        InetAddress.getByName("239.0.0.1"), i % 2 == 0 ? portA : portB, 5,
                        new byte[] {(byte) i, 1, 2, 3}));
            }
            try (RawUdpOutput out = new RawUdpOutput("eth", new InetSocketAddress(loopback, portA), 0, true, 1, 1)) {
                ReplaySession session = new ReplaySession(InMemoryRecordSource.of("eth", log), List.of(out),
                        ReplayOptions.defaults(), ReplayClock.system(), ReplaySession.defaultThreads(),
                        SendObserver.NONE);
                session.start();
                ReplayResult result = session.awaitResult();

                assertThat(result.sent()).isEqualTo(100);
                assertThat(firstBytes(someIpA, 50)).containsExactlyElementsOf(evens(true));
                assertThat(firstBytes(someIpB, 50)).containsExactlyElementsOf(evens(false));
            }
        }
    }

    @Test
    void udpAnswersOfTheDutAreCapturedToPcap(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramChannel dut = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0))) {
            Thread echo = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                try {
                    while (true) {
                        buffer.clear();
                        SocketAddress from = dut.receive(buffer);
                        buffer.flip();
                        dut.send(buffer, from);
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            });
            echo.setDaemon(true);
            echo.start();
            List<BusRecord> log = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                log.add(new UdpDatagram(i * 1_000_000L, 1, Direction.RX, loopback, 1, loopback, 2,
                        UdpDatagram.NO_VLAN, new byte[] {(byte) i}));
            }
            Path pcap = dir.resolve("answers.pcap");
            io.fleet.rig.capture.CaptureRecorder recorder = new io.fleet.rig.capture.CaptureRecorder(
                    new io.fleet.rig.capture.ResponseMatcher(List.of(), 1), 0, pcap, List.of("eth"));
            try (RawUdpOutput out = new RawUdpOutput("eth", (InetSocketAddress) dut.getLocalAddress(), 0, false, 1,
                    1)) {
                out.startReceiving(recorder, ReplayClock.system(), ReplaySession.defaultThreads());
                ReplaySession session = new ReplaySession(InMemoryRecordSource.of("eth", log), List.of(out),
                        ReplayOptions.defaults(), ReplayClock.system(), ReplaySession.defaultThreads(),
                        SendObserver.NONE);
                session.start();
                session.awaitResult();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                        .until(() -> recorder.written() >= 20);
            }
            recorder.close();

            List<Integer> tags = new ArrayList<>();
            try (io.fleet.model.log.pcap.PcapReader reader = io.fleet.model.log.pcap.PcapReader.open(pcap, false)) {
                BusRecord record;
                while ((record = reader.next()) != null) {
                    tags.add(((UdpDatagram) record).payload()[0] & 0xFF);
                }
            }
            assertThat(recorder.written()).isEqualTo(20);
            assertThat(tags).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        }
    }

    private static List<Integer> firstBytes(DatagramChannel channel, int count) throws Exception {
        List<Integer> tags = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(64);
        for (int i = 0; i < count; i++) {
            buffer.clear();
            channel.receive(buffer);
            tags.add(buffer.get(0) & 0xFF);
        }
        return tags;
    }

    private static List<Integer> evens(boolean even) {
        List<Integer> tags = new ArrayList<>();
        for (int i = even ? 0 : 1; i < 100; i += 2) {
            tags.add(i);
        }
        return tags;
    }
}
