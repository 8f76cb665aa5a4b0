package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@code /get} or {@code /delete} request carries: at most a client token (the AWS SDK sends one) and,
 * for delete, a version.
 */
public record GetOrDeleteRequest(Optional<ClientToken> clientToken, OptionalLong version) {

    public static final GetOrDeleteRequest EMPTY = new GetOrDeleteRequest(Optional.empty(), OptionalLong.empty());

    public GetOrDeleteRequest {
        Checks.notNull(clientToken, "clientToken");
        Checks.notNull(version, "version");
    }
}
