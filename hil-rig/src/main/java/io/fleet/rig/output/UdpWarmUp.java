package io.fleet.rig.output;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.cannelloni.CannelloniCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * Runs the UDP send path and the codec once before a replay, on a throwaway loopback socket that talks to itself:
 * the JDK loads and links its datagram classes on the first send, which otherwise makes the replay's first frame
 * milliseconds late. Nothing reaches the device under test.
 */
final class UdpWarmUp {

    private static volatile boolean done;

    private UdpWarmUp() {
    }

    /** Called on the controlling thread when an output opens; cheap after the first time. */
    static void once() {
        if (done) {
            return;
        }
        try (DatagramChannel self = DatagramChannel.open()) {
            self.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            byte[] packet = new byte[CannelloniCodec.MAX_DATAGRAM_SIZE];
            int length = CannelloniCodec.encode(0, List.of(CanFrame.classic(0, 1, 0x7FF, false, new byte[8])), 0, 1,
                    packet);
            ByteBuffer wire = ByteBuffer.allocateDirect(packet.length);
            wire.put(packet, 0, length).flip();
            // through the replay's own send call: its class's first use initializes logging (Logback reads its
            // configuration), which took 0.5-1 s on the sender thread at the first frame on a loaded machine
            DatagramReceiveLoop.sendWhole("warm-up", self, wire, (InetSocketAddress) self.getLocalAddress());
            wire.clear();
            self.configureBlocking(false); // never hang the start on a lost datagram: poll for 100 ms at most
            long end = System.nanoTime() + 100_000_000L;
            while (self.receive(wire) == null && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            CannelloniCodec.decode(packet, 0, length, 0, 1);
            done = true;
        } catch (IOException e) {
            // only an optimization: the replay works without it, the first frame is just later
        }
    }
}
