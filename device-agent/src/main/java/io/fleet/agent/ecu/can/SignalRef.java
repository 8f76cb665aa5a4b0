package io.fleet.agent.ecu.can;

import java.util.Objects;

/** One signal of one DBC message, written {@code Message.Signal} in the signal map. */
public record SignalRef(String message, String signal) {

    public SignalRef {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signal, "signal");
    }

    /** {@code "TCU_BodyCommand.TrunkCmd"}. */
    public static SignalRef of(String messageDotSignal) {
        int dot = messageDotSignal.indexOf('.');
        if (dot <= 0 || dot == messageDotSignal.length() - 1) {
            throw new IllegalArgumentException("signal reference must be Message.Signal, got '" + messageDotSignal
                    + "'");
        }
        return new SignalRef(messageDotSignal.substring(0, dot), messageDotSignal.substring(dot + 1));
    }

    @Override
    public String toString() {
        return message + "." + signal;
    }
}
