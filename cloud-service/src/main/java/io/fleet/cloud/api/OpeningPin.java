package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrorType;
import io.fleet.cloud.users.OpeningCommands;
import io.fleet.cloud.users.PinHash;
import io.fleet.cloud.users.PinLockout;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.VoicePinCheck;
import io.fleet.cloud.users.VoicePins;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The PIN that unlocking and opening through the app API need ({@link OpeningCommands}): the user's voice PIN,
 * checked by the same store and lockout as the Alexa path ({@link VoicePins}: three wrong PINs lock for
 * {@link PinLockout#LOCK}). Admins are not asked: an admin token may set anyone's PIN, so a PIN would not guard it.
 * The PIN comes as the command body's {@code pin} field and is never logged or echoed.
 */
final class OpeningPin {

    private final VoicePins pins;

    OpeningPin(VoicePins pins) {
        this.pins = pins;
    }

    /**
     * Completes empty when {@code attribute = value} may be sent to {@code vehicle} by {@code user}, or with the
     * 400/403 answer that says why not (its {@code pin} object: {@code result} REQUIRED, NOT_SET, WRONG with
     * {@code triesLeft}, or LOCKED with {@code lockedForSeconds}). A {@code pin} that is not four digits is refused
     * without counting as a wrong one.
     */
    CompletableFuture<Optional<Refusal>> refusal(User user, String vehicle, String attribute, Object value,
                                                 JsonNode pin) {
        // another owner's vehicle is not found (404) by the submit, before anyone is asked for a PIN for it
        if (user.isAdmin() || !user.vehicles().contains(vehicle) || !OpeningCommands.needPin(attribute, value)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (pin != null && !pin.isNull() && !(pin.isTextual() && PinHash.isWellFormed(pin.asText()))) {
            return CompletableFuture.completedFuture(Optional.of(new Refusal(400,
                    ApiError.badRequest("pin must be a string of exactly 4 digits, e.g. \"1234\"").toJsonNode())));
        }
        Optional<String> given = pin == null || pin.isNull() ? Optional.empty() : Optional.of(pin.asText());
        return pins.check(user, given).thenApply(check -> check instanceof VoicePinCheck.Accepted ? Optional.empty()
                : Optional.of(refused(user, attribute, check)));
    }

    /** An answer the command is refused with: its status and JSON body. */
    record Refusal(int status, ObjectNode body) {
    }

    private static Refusal refused(User user, String attribute, VoicePinCheck check) {
        String message;
        if (check instanceof VoicePinCheck.Required) {
            message = "unlocking or opening (" + attribute + ") needs your PIN: send it as \"pin\" (4 digits)";
        } else if (check instanceof VoicePinCheck.NotSet) {
            message = "unlocking or opening (" + attribute + ") needs a PIN, and " + user.name()
                    + " has none: set one with ./fleet user pin " + user.name();
        } else if (check instanceof VoicePinCheck.Wrong wrong) {
            message = "wrong PIN; after " + wrong.triesLeft() + " more wrong "
                    + (wrong.triesLeft() == 1 ? "PIN" : "PINs") + " unlocking and opening are locked for "
                    + PinLockout.LOCK.toMinutes() + " minutes";
        } else {
            long minutes = Math.max(1, (((VoicePinCheck.Locked) check).remaining().toSeconds() + 59) / 60);
            message = "unlocking and opening are locked for " + PinLockout.LOCK.toMinutes() + " minutes after "
                    + PinLockout.MAX_WRONG + " wrong PINs; try again in " + minutes + " min";
        }
        ObjectNode body = ApiError.of(ApiErrorType.FORBIDDEN, message).toJsonNode();
        body.set("pin", VoicePinRoutes.json(check));
        return new Refusal(403, body);
    }
}
