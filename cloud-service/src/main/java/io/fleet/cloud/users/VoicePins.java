package io.fleet.cloud.users;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The voice PIN that unlocking and opening by Alexa need: {@link VoicePinStore} in the service, the app API's
 * {@code POST /api/me/voice-pin/check} where the skill runs as a Lambda function.
 */
public interface VoicePins {

    /**
     * Checks {@code pin} for {@code user}; with no PIN only says whether one is needed ({@link VoicePinCheck.Required})
     * or voice unlock is impossible now ({@link VoicePinCheck.NotSet}, {@link VoicePinCheck.Locked}), without counting
     * an attempt. Never throws: failures come as a failed future.
     */
    CompletableFuture<VoicePinCheck> check(User user, Optional<String> pin);
}
