package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * The {@code /update/documents} document: the whole shadow before and after an accepted update
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html#update-documents-pub-sub-topic).
 *
 * @param previous the shadow before the update; empty when the update created it ({@code previous} is then
 *                 left out, which the AWS SDK's {@code ShadowUpdatedEvent} allows)
 * @param current  the shadow after the update
 */
public record UpdateDocuments(Optional<StoredShadow> previous, StoredShadow current, long timestamp,
                              Optional<ClientToken> clientToken) implements ShadowResponse {

    public UpdateDocuments {
        Checks.notNull(previous, "previous");
        Checks.notNull(current, "current");
        Checks.notNull(clientToken, "clientToken");
    }
}
