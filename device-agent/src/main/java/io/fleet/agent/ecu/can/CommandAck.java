package io.fleet.agent.ecu.can;

import java.util.Objects;

/**
 * How the ECU sequences and answers a command message: a rolling counter in the command (the ECU acts once per
 * counter value, so the sender may repeat the frame) and, in a status message, the counter it last acted on with
 * its result.
 *
 * @param commandMessage     the command message, e.g. {@code TCU_BodyCommand}
 * @param counterSignal      its rolling counter signal
 * @param counterModulus     counter values are {@code 0 .. counterModulus - 1}
 * @param ackMessage         the status message that answers
 * @param ackCounterSignal   the counter the ECU last acted on
 * @param resultSignal       that command's result
 * @param acceptedLabel      the result label for "accepted"; any other label except {@code noResultLabel} is a failure
 * @param noResultLabel      the result label before the first command ("SNA")
 */
public record CommandAck(String commandMessage, String counterSignal, int counterModulus, String ackMessage,
                         String ackCounterSignal, String resultSignal, String acceptedLabel, String noResultLabel) {

    public CommandAck {
        Objects.requireNonNull(commandMessage, "commandMessage");
        Objects.requireNonNull(counterSignal, "counterSignal");
        Objects.requireNonNull(ackMessage, "ackMessage");
        Objects.requireNonNull(ackCounterSignal, "ackCounterSignal");
        Objects.requireNonNull(resultSignal, "resultSignal");
        Objects.requireNonNull(acceptedLabel, "acceptedLabel");
        Objects.requireNonNull(noResultLabel, "noResultLabel");
        if (counterModulus < 2) {
            throw new IllegalArgumentException("counterModulus must be >= 2, got " + counterModulus);
        }
    }

    /** The counter after {@code counter}. */
    public int next(int counter) {
        return (counter + 1) % counterModulus;
    }
}
