package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * The {@code /delete/accepted} document: {@code {"version", "timestamp", "clientToken"?}}, where version is the
 * version of the shadow that was deleted
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-data-flow.html#deleting-device-shadow).
 */
public record DeleteAccepted(long version, long timestamp, Optional<ClientToken> clientToken)
        implements ShadowResponse {

    public DeleteAccepted {
        Checks.notNull(clientToken, "clientToken");
    }
}
