package io.fleet.model.vehicle;

/** How a command ended, as reported in {@code reported.lastCommand.status}. */
public enum CommandStatus {
    SUCCEEDED, REJECTED, FAILED, TIMED_OUT
}
