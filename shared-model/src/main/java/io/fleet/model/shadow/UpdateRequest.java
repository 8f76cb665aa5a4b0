package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed {@code /update} request. Unknown top-level fields (the AWS SDK adds {@code thingName}) are not kept.
 *
 * @param desired     what to do to {@code state.desired}
 * @param reported    what to do to {@code state.reported}
 * @param clientToken echoed in every response to this request
 * @param version     optimistic lock: when present the update applies only if the stored version equals it
 */
public record UpdateRequest(SectionPatch desired, SectionPatch reported, Optional<ClientToken> clientToken,
                            OptionalLong version) {

    public UpdateRequest {
        Checks.notNull(desired, "desired");
        Checks.notNull(reported, "reported");
        Checks.notNull(clientToken, "clientToken");
        Checks.notNull(version, "version");
        version.ifPresent(v -> Checks.nonNegative(v, "version"));
    }

    /** An unversioned update without client token, as the cloud service sends for an app command. */
    public static UpdateRequest of(SectionPatch desired, SectionPatch reported) {
        return new UpdateRequest(desired, reported, Optional.empty(), OptionalLong.empty());
    }

    public UpdateRequest withClientToken(ClientToken token) {
        return new UpdateRequest(desired, reported, Optional.of(token), version);
    }

    public UpdateRequest withVersion(long expectedVersion) {
        return new UpdateRequest(desired, reported, clientToken, OptionalLong.of(expectedVersion));
    }
}
