package io.fleet.cloud.alexa;

import io.fleet.cloud.users.OpeningCommands;
import io.fleet.cloud.users.PinHash;
import io.fleet.cloud.users.PinLockout;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.VoicePinCheck;
import io.fleet.cloud.users.VoicePins;
import java.time.Duration;
import java.util.Optional;

/**
 * Which voice commands need the user's spoken PIN and what the skill says about it. Unlocking and opening the trunk,
 * a door or a window (to any percent) let someone into the car, so they need the PIN, as in Amazon's own vehicle
 * skills; locking, closing, lights, climate and status questions do not. The PIN comes in the intent's
 * {@code pin} slot ({@code AMAZON.FOUR_DIGIT_NUMBER}); when it is missing the skill elicits it with the dialog
 * model's prompt. It is never spoken back (the slot has no confirmation) nor logged.
 */
final class VoicePinGate {

    static final String PIN_SLOT = "pin";
    static final String DEFAULT_QUESTION = "What is your voice PIN?";

    /** Go on with the command, ask for the PIN, or answer and stop. */
    sealed interface Decision {
        record Pass() implements Decision {
        }

        record Ask(String question) implements Decision {
        }

        record Refuse(String speech) implements Decision {
        }
    }

    private final VoicePins pins;

    VoicePinGate(VoicePins pins) {
        this.pins = pins;
    }

    /** Whether setting {@code action} needs the voice PIN. */
    static boolean guards(Interpretation.Action action) {
        return OpeningCommands.needPin(action.attribute(), action.value());
    }

    /**
     * Checks the spoken PIN of {@code slots} for {@code user}. A PIN that is not four digits is asked for again
     * without counting as a wrong one (Alexa heard something else); a missing one is asked for only if the user has
     * a PIN and is not locked, so nobody is asked for a PIN that cannot help.
     */
    Decision check(User user, Slots slots, Optional<String> question, Duration timeout) throws Exception {
        Optional<String> spoken = slots.spoken(PIN_SLOT).map(p -> p.replace(" ", ""));
        Optional<String> pin = spoken.filter(PinHash::isWellFormed);
        VoicePinCheck check = Await.result(pins.check(user, pin), timeout);
        String ask = question.orElse(DEFAULT_QUESTION);
        if (check instanceof VoicePinCheck.Accepted) {
            return new Decision.Pass();
        }
        if (check instanceof VoicePinCheck.Required) {
            return new Decision.Ask(spoken.isPresent() ? "A voice PIN has four digits. " + ask : ask);
        }
        if (check instanceof VoicePinCheck.NotSet) {
            return new Decision.Refuse(notSet(user));
        }
        if (check instanceof VoicePinCheck.Wrong wrong) {
            return new Decision.Refuse(wrong(wrong.triesLeft()));
        }
        return new Decision.Refuse(locked(((VoicePinCheck.Locked) check).remaining()));
    }

    static String notSet(User user) {
        return "Unlocking or opening by voice needs a voice PIN, and you haven't set one. Set it with the command: "
                + "fleet user pin " + user.name() + ".";
    }

    static String wrong(int triesLeft) {
        return "That PIN isn't right. After " + (triesLeft == 1 ? "one more wrong PIN" : triesLeft + " more wrong PINs")
                + ", voice unlock is locked for " + PinLockout.LOCK.toMinutes() + " minutes.";
    }

    static String locked(Duration remaining) {
        long minutes = Math.max(1, (remaining.toSeconds() + 59) / 60);
        return "Voice unlock is locked for " + PinLockout.LOCK.toMinutes() + " minutes after " + PinLockout.MAX_WRONG
                + " wrong PINs. Try again in " + minutes + (minutes == 1 ? " minute" : " minutes")
                + ".";
    }
}
