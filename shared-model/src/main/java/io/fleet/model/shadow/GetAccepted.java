package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * The {@code /get/accepted} document: desired, reported and (when not empty) delta, with the metadata of
 * desired and reported
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html,
 * "Response state documents").
 */
public record GetAccepted(StoredShadow shadow, ImmutableJsonObject delta, long timestamp,
                          Optional<ClientToken> clientToken) implements ShadowResponse {

    public GetAccepted {
        Checks.notNull(shadow, "shadow");
        Checks.notNull(delta, "delta");
        Checks.notNull(clientToken, "clientToken");
    }
}
