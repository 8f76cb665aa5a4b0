package io.fleet.model.vehicle;

/**
 * Where a command stands, as reported in {@code reported.lastCommand.status}. IN_PROGRESS is the agent's receipt,
 * written before it actuates; the others are outcomes. EXPIRED: the agent received the desired value only after the
 * expiry carried with it ({@link CommandExpiry}) and did not execute it.
 */
public enum CommandStatus {
    IN_PROGRESS, SUCCEEDED, REJECTED, FAILED, TIMED_OUT, EXPIRED;

    /** Whether this is how the command ended (everything but the receipt). */
    public boolean isOutcome() {
        return this != IN_PROGRESS;
    }
}
