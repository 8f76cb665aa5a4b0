package io.fleet.cloud.alexa;

import io.fleet.cloud.vehicles.VehicleCommand;
import java.util.Locale;

/**
 * What the skill says about a command once the car has answered, or once the wait for it is over. It only claims
 * what the car confirmed: SUCCEEDED is the one status that says it is done.
 */
final class OutcomeSpeech {

    static final String NOT_CONFIRMED = "I've sent the command, but the car hasn't confirmed yet.";

    private OutcomeSpeech() {
    }

    static String of(Wording wording, VehicleCommand command) {
        return switch (command.status()) {
            case SUCCEEDED -> wording.done();
            case REJECTED -> "I couldn't " + wording.attempt() + because(command.reason());
            case FAILED -> "I couldn't " + wording.attempt() + ": the car reported a fault"
                    + (command.reason() != null && !command.reason().isBlank() ? " (" + command.reason() + ")." : ".");
            case TIMED_OUT -> "The car didn't confirm in time, so I've cancelled the command to " + wording.attempt()
                    + ".";
            case EXPIRED -> "The car didn't receive the command in time, so I've withdrawn the command to "
                    + wording.attempt() + ".";
            case CANCELED -> "The command to " + wording.attempt() + " was cancelled.";
            case PENDING -> "Your car seems to be offline. " + NOT_CONFIRMED;
            case DELIVERED -> NOT_CONFIRMED;
        };
    }

    /**
     * The agent's interlock reasons (device-agent {@code Interlocks}) in words: "vehicle is moving (speed 30 km/h):
     * trunk cannot open" and "vehicle is locked: unlock it before opening the trunk".
     */
    static String because(String reason) {
        if (reason == null || reason.isBlank()) {
            return ".";
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("moving")) {
            return " because the car is moving.";
        }
        if (r.contains("locked")) {
            return " because the car is locked.";
        }
        return " because " + reason.strip() + (reason.strip().endsWith(".") ? "" : ".");
    }
}
