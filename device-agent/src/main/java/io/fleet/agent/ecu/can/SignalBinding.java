package io.fleet.agent.ecu.can;

import java.util.Objects;
import java.util.Optional;

/**
 * One shadow leaf on the CAN bus: the command signal that sets it and the status signal that reports it, each with
 * its value mapping. A reported-only leaf ({@code speed}) has no command; a momentary one ({@code horn_flash}) has
 * no status.
 */
public record SignalBinding(String path, SignalRef command, ValueMapping commandValues, SignalRef status,
                            ValueMapping statusValues) {

    public SignalBinding {
        Objects.requireNonNull(path, "path");
        if (command == null && status == null) {
            throw new IllegalArgumentException(path + ": a binding needs a command or a status signal");
        }
        if ((command == null) != (commandValues == null) || (status == null) != (statusValues == null)) {
            throw new IllegalArgumentException(path + ": each signal needs its value mapping");
        }
    }

    /** A commandable leaf with its status. */
    public static SignalBinding commanded(String path, String command, ValueMapping commandValues, String status,
                                          ValueMapping statusValues) {
        return new SignalBinding(path, SignalRef.of(command), commandValues, SignalRef.of(status), statusValues);
    }

    /** A reported-only leaf. */
    public static SignalBinding reported(String path, String status, ValueMapping statusValues) {
        return new SignalBinding(path, null, null, SignalRef.of(status), statusValues);
    }

    /** A momentary command without status, confirmed by the ECU's acknowledgement only. */
    public static SignalBinding momentary(String path, String command, ValueMapping commandValues) {
        return new SignalBinding(path, SignalRef.of(command), commandValues, null, null);
    }

    public Optional<SignalRef> commandSignal() {
        return Optional.ofNullable(command);
    }

    public Optional<SignalRef> statusSignal() {
        return Optional.ofNullable(status);
    }
}
