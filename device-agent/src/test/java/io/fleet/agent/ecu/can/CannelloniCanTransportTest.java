package io.fleet.agent.ecu.can;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real UDP on loopback: a plain datagram socket plays the gateway and checks the bytes on the wire. */
class CannelloniCanTransportTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private DatagramChannel gateway;
    private CannelloniCanTransport transport;
    private final BlockingQueue<CanFrame> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() throws Exception {
        gateway = DatagramChannel.open().bind(ANY_LOOPBACK);
        transport = CannelloniCanTransport.open(ANY_LOOPBACK, (InetSocketAddress) gateway.getLocalAddress(),
                Thread::new);
        transport.startReceiving(received::add);
    }

    @AfterEach
    void close() throws Exception {
        transport.close();
        gateway.close();
    }

    @Test
    void sendsOneFramePerDatagramWithARisingSequenceNumber() throws Exception {
        transport.send(CanFrame.classic(0, 0, 0x210, false, new byte[] {1, 2}).withDirection(Direction.TX));
        transport.send(CanFrame.fd(0, 0, 0x18DAF110, true, true, false, new byte[12]));

        // version 2, DATA, seq 0, count 1 | id 0x210 | len 2 | data
        assertThat(nextDatagram()).isEqualTo("020000000100000210020102");
        // seq 1 | id with EFF flag | len 12 with FD flag 0x80 | flags BRS | 12 zero bytes
        assertThat(nextDatagram()).isEqualTo("020001000198daf1108c01" + "00".repeat(12));
    }

    @Test
    void receivesEveryFrameOfADatagram() throws Exception {
        sendFromGateway("02000700020000031102" + "3200" + "000003120100");

        assertThat(received.poll(2, TimeUnit.SECONDS)).isEqualTo(CanFrame.classic(0, 0, 0x311, false,
                new byte[] {0x32, 0}));
        assertThat(received.poll(2, TimeUnit.SECONDS).id()).isEqualTo(0x312);
    }

    @Test
    void malformedDatagramsAreCountedAndIgnoredAndTheNextOneArrives() throws Exception {
        sendFromGateway("0100");                       // version 1, too short
        sendFromGateway("020000000100000311084142");   // announces 8 data bytes, carries 2
        sendFromGateway("0200000001000003110132");     // a good one

        CanFrame frame = received.poll(2, TimeUnit.SECONDS);

        assertThat(frame.id()).isEqualTo(0x311);
        assertThat(transport.malformedDatagrams()).isEqualTo(2);
        assertThat(received).isEmpty();
    }

    @Test
    void datagramsFromOtherSendersThanTheGatewayAreIgnored() throws Exception {
        try (DatagramChannel stranger = DatagramChannel.open().bind(ANY_LOOPBACK)) {
            stranger.send(ByteBuffer.wrap(HexFormat.of().parseHex("0200000001000003110132")),
                    transport.localAddress());
        }
        sendFromGateway("0200010001000003120100");

        assertThat(received.poll(2, TimeUnit.SECONDS).id()).isEqualTo(0x312);
        assertThat(transport.foreignDatagrams()).isEqualTo(1);
        assertThat(received).isEmpty();
    }

    private void sendFromGateway(String hex) throws Exception {
        gateway.send(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), transport.localAddress());
    }

    private String nextDatagram() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        gateway.configureBlocking(true);
        gateway.receive(buffer);
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
