package io.fleet.model.log.pcap;

import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.util.Optional;

/** Reads the packets of one capture file format in file order. */
interface PacketParser {

    /**
     * Fills {@code packet} with the next packet.
     *
     * @return false at the end of the file
     * @throws io.fleet.model.log.LogFormatException for a malformed or truncated record, with its offset
     */
    boolean next(CapturedPacket packet) throws IOException;

    /** Blocks read that hold no packet (pcapng only). */
    long nonPacketBlocks();

    /** The record or block the file ended inside, once {@link #next} threw for it. */
    Optional<Truncation> truncation();
}
