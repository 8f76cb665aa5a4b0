package io.fleet.cloud.users;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token as its owner and admins may see it: never the secret, which is shown once when issued and stored
 * only as a hash.
 *
 * @param id      the token's id, what {@code DELETE /api/users/{name}/tokens/{id}} and {@code fleet user revoke} take
 * @param created when it was issued
 * @param expires when it stops working; empty = never
 */
public record IssuedToken(long id, Instant created, Optional<Instant> expires) {

    public IssuedToken {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
    }

    public boolean expiredAt(Instant now) {
        return expires.isPresent() && !now.isBefore(expires.get());
    }

    /** A token just issued, with its secret: the only time the secret is known. */
    public record WithSecret(IssuedToken token, String secret) {
        public WithSecret {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(secret, "secret");
        }
    }
}
