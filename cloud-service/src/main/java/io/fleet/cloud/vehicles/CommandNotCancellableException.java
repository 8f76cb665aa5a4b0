package io.fleet.cloud.vehicles;

/** A cancel came too late: the vehicle has received the command, or it has ended. Carries the command as it is. */
public final class CommandNotCancellableException extends RuntimeException {

    private final transient VehicleCommand command;

    public CommandNotCancellableException(VehicleCommand command, String message) {
        super(message);
        this.command = command;
    }

    public VehicleCommand command() {
        return command;
    }
}
