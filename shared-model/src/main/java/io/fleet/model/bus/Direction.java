package io.fleet.model.bus;

/** Whether the logger received the record from the bus or transmitted it. */
public enum Direction {
    RX,
    TX
}
