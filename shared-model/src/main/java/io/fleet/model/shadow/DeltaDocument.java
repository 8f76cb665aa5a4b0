package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * The {@code /update/delta} document: every desired value that differs from (or is missing in) reported, with
 * the desired metadata of those values
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html#update-delta-pub-sub-topic).
 */
public record DeltaDocument(ImmutableJsonObject state, ImmutableJsonObject metadata, long version, long timestamp,
                            Optional<ClientToken> clientToken) implements ShadowResponse {

    public DeltaDocument {
        Checks.notNull(state, "state");
        Checks.notNull(metadata, "metadata");
        Checks.notNull(clientToken, "clientToken");
    }
}
