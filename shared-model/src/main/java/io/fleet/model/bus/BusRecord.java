package io.fleet.model.bus;

/**
 * One recorded event on a vehicle bus: a CAN frame or an Ethernet datagram. Every record carries a timestamp in
 * nanoseconds (epoch nanoseconds when the source has absolute time, else relative to the start of the log) and
 * the logical channel it was recorded on (CAN channel number, or the capture interface index).
 */
public sealed interface BusRecord permits CanFrame, UdpDatagram {

    long timestampNanos();

    int channel();

    Direction direction();

    /** The same record moved to another time, e.g. onto a replay timeline. */
    BusRecord withTimestampNanos(long timestampNanos);
}
