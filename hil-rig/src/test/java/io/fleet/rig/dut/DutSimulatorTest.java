package io.fleet.rig.dut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import io.fleet.model.can.cannelloni.CannelloniPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DutSimulatorTest {

    private static final byte[] DATA = {0x02, 0x10, 0x03};

    @Test
    void requestIds0x7E0To0x7E7AreAnsweredWithIdPlus8EchoingTheDataAndNothingElseIs() {
        assertThat(DutSimulator.answer(CanFrame.classic(0, 0, 0x7E0, false, DATA))).hasValueSatisfying(answer -> {
            assertThat(answer.id()).isEqualTo(0x7E8);
            assertThat(answer.extended()).isFalse();
            assertThat(answer.data()).containsExactly(DATA);
        });
        assertThat(DutSimulator.answer(CanFrame.classic(0, 0, 0x7E7, false, DATA)).orElseThrow().id())
                .isEqualTo(0x7EF);
        assertThat(DutSimulator.answer(CanFrame.classic(0, 0, 0x7DF, false, DATA))).isEmpty();
        assertThat(DutSimulator.answer(CanFrame.classic(0, 0, 0x7E8, false, DATA))).isEmpty();
        assertThat(DutSimulator.answer(CanFrame.classic(0, 0, 0x7E0, true, DATA))).isEmpty();
        assertThat(DutSimulator.answer(CanFrame.fd(0, 0, 0x7E0, false, false, false, DATA))).isEmpty();
    }

    @Test
    void aCannelloniDatagramGetsItsAnswersBackToItsSender() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DutSimulator dut = DutSimulator.start(loopback); DatagramChannel rig = DatagramChannel.open()) {
            rig.bind(loopback);
            byte[] out = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
            List<CanFrame> frames = List.of(CanFrame.classic(0, 0, 0x123, false, DATA),
                    CanFrame.classic(0, 0, 0x7E0, false, DATA));
            int length = CannelloniCodec.encode(0, frames, 0, frames.size(), out);
            rig.send(ByteBuffer.wrap(out, 0, length), dut.address());

            ByteBuffer answer = ByteBuffer.allocate(2048);
            rig.receive(answer);
            CannelloniPacket packet = CannelloniCodec.decode(answer.array(), 0, answer.position(), 0, 0);
            assertThat(packet.frames()).singleElement().satisfies(frame -> {
                assertThat(frame.id()).isEqualTo(0x7E8);
                assertThat(frame.data()).containsExactly(DATA);
            });
            // the simulator counts an answer once it is sent, so the count may trail the datagram by a moment
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(dut.answered()).isEqualTo(1));
        }
    }
}
