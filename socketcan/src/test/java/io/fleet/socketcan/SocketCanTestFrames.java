package io.fleet.socketcan;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.util.List;

/** One frame of every kind the bridge carries, shared by the conversion and the vcan0 tests. */
final class SocketCanTestFrames {

    private SocketCanTestFrames() {
    }

    static List<CanFrame> everyKind(int channel) {
        byte[] full = new byte[64];
        for (int i = 0; i < full.length; i++) {
            full[i] = (byte) (i * 7 + 1);
        }
        return List.of(
                CanFrame.classic(0, channel, 0x7E0, false, new byte[] {0x02, 0x01, 0x0C}),
                CanFrame.classic(0, channel, 0x7FF, false, new byte[0]),
                CanFrame.classic(0, channel, 0x18DAF110, true, new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0xFF}),
                CanFrame.remote(0, channel, 0x7DF, false, 8, Direction.RX),
                CanFrame.remote(0, channel, 0x1ABCDE0, true, 3, Direction.RX),
                CanFrame.remote(0, channel, 0x123, false, 0, Direction.RX),
                CanFrame.fd(0, channel, 0x123, false, true, false, new byte[12]),
                CanFrame.fd(0, channel, 0x18DAF110, true, true, true, new byte[16]),
                CanFrame.fd(0, channel, 0x100, false, false, false, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                CanFrame.fd(0, channel, 0x1FFFFFFF, true, false, true, full));
    }
}
