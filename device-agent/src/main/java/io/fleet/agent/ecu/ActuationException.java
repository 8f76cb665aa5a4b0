package io.fleet.agent.ecu;

/** The ECU could not carry out a command; the message says why, for {@code lastCommand.reason}. */
public final class ActuationException extends Exception {
    public ActuationException(String message) {
        super(message);
    }
}
