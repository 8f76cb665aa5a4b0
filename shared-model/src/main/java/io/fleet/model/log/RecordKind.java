package io.fleet.model.log;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;

/** What a drive-log format holds: CAN frames (classic, CAN FD and remote) or UDP datagrams of Automotive Ethernet. */
public enum RecordKind {
    CAN_FRAMES("CAN frames"),
    UDP_DATAGRAMS("UDP datagrams (Automotive Ethernet)");

    private final String description;

    RecordKind(String description) {
        this.description = description;
    }

    /** The kind of {@code record}. */
    public static RecordKind of(BusRecord record) {
        return record instanceof CanFrame ? CAN_FRAMES : UDP_DATAGRAMS;
    }

    @Override
    public String toString() {
        return description;
    }
}
