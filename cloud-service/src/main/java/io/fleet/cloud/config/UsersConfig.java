package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * App API users and their bearer tokens.
 *
 * @param tokenTtl     how long a newly issued token works (YAML {@code tokenTtlDays}, default 90; 0 = never);
 *                     {@code fleet user add/token --ttl-days} and the API's {@code ttlDays} choose per token.
 *                     The service's own admin token ({@code dataDir/users/admin.token}, used by the CLI) never
 *                     expires
 * @param authFailures how failed authentications are throttled
 */
public record UsersConfig(Duration tokenTtl, AuthFailuresConfig authFailures) {
    public static final int MAX_TTL_DAYS = 3650;

    public UsersConfig {
        Objects.requireNonNull(authFailures, "users.authFailures");
        if (tokenTtl.isNegative() || tokenTtl.compareTo(Duration.ofDays(MAX_TTL_DAYS)) > 0) {
            throw new IllegalArgumentException("users.tokenTtlDays must be 0 (never expire) to " + MAX_TTL_DAYS
                    + ", got " + tokenTtl.toDays());
        }
    }

    @JsonCreator
    static UsersConfig fromYaml(@JsonProperty("tokenTtlDays") Integer tokenTtlDays,
                                @JsonProperty("authFailures") AuthFailuresConfig authFailures) {
        return new UsersConfig(Duration.ofDays(tokenTtlDays != null ? tokenTtlDays : 90),
                authFailures != null ? authFailures : AuthFailuresConfig.defaults());
    }

    /** Tokens work for 90 days; failed authentications throttled by {@link AuthFailuresConfig#defaults()}. */
    public static UsersConfig defaults() {
        return fromYaml(null, null);
    }

    public UsersConfig withAuthFailures(AuthFailuresConfig throttle) {
        return new UsersConfig(tokenTtl, throttle);
    }
}
