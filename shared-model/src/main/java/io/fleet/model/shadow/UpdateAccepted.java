package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * The {@code /update/accepted} document: the state as the client sent it (deletions stay {@code null}),
 * metadata timestamps for exactly the leaves that were sent, and the new version
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html,
 * "/accepted response state document").
 *
 * @param desired          the request's desired patch
 * @param reported         the request's reported patch
 * @param desiredMetadata  {@code {"timestamp": now}} for every leaf of the desired patch; for a removed section
 *                         the section's own timestamp
 * @param reportedMetadata likewise for reported
 */
public record UpdateAccepted(SectionPatch desired, SectionPatch reported, ImmutableJsonObject desiredMetadata,
                             ImmutableJsonObject reportedMetadata, long version, long timestamp,
                             Optional<ClientToken> clientToken) implements ShadowResponse {

    public UpdateAccepted {
        Checks.notNull(desired, "desired");
        Checks.notNull(reported, "reported");
        Checks.notNull(desiredMetadata, "desiredMetadata");
        Checks.notNull(reportedMetadata, "reportedMetadata");
        Checks.notNull(clientToken, "clientToken");
    }
}
