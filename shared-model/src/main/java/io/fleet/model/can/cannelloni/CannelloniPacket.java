package io.fleet.model.can.cannelloni;

import io.fleet.model.Checks;
import io.fleet.model.bus.CanFrame;
import java.util.List;

/**
 * One decoded cannelloni DATA datagram.
 *
 * @param sequenceNumber     the sender's 8-bit sequence number (wraps at 256)
 * @param frames             the CAN frames in wire order
 * @param errorFramesSkipped frames with the SocketCAN error flag; {@link CanFrame} cannot hold them, so they are
 *                           counted instead of returned
 */
public record CannelloniPacket(int sequenceNumber, List<CanFrame> frames, int errorFramesSkipped) {

    public CannelloniPacket {
        Checks.inRange(sequenceNumber, 0, 255, "sequenceNumber");
        frames = List.copyOf(Checks.notNull(frames, "frames"));
    }
}
