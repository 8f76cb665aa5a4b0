package io.fleet.cloud.users;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a bearer token turned out to be: a user's live token, an expired one, or nothing we issued (or revoked). */
public sealed interface Authentication {

    /**
     * A live token.
     *
     * @param tokenId  the token's id, as listed by {@code GET /api/users/{name}/tokens}
     * @param expires  when it stops working; empty for a token that never expires
     */
    record Valid(User user, long tokenId, Optional<Instant> expires) implements Authentication {
        public Valid {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(expires, "expires");
        }

        /** Whether the token has expired by {@code now} (a cached answer may outlive the token). */
        boolean expiredAt(Instant now) {
            return expires.isPresent() && !now.isBefore(expires.get());
        }
    }

    /** A token that was issued but expired at {@code at}. */
    record Expired(Instant at) implements Authentication {
        public Expired {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Malformed, never issued, or revoked. */
    record Unknown() implements Authentication {
    }

    Authentication UNKNOWN = new Unknown();

    /** The user of a live token, else empty. */
    default Optional<User> validUser() {
        return this instanceof Valid valid ? Optional.of(valid.user()) : Optional.empty();
    }
}
