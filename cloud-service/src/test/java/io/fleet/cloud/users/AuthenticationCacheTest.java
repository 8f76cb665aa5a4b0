package io.fleet.cloud.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.AdjustableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache of live tokens: lifetime, bound, expiry of the token itself, and revocation racing a lookup. */
class AuthenticationCacheTest {

    private final AdjustableClock clock = AdjustableClock.standingStill();
    private final AuthenticationCache cache = new AuthenticationCache(clock, Duration.ofSeconds(30), 100);
    private final User alice = new User(1, "alice", User.Role.OWNER, List.of("car"), Optional.empty());

    private Authentication.Valid live(long tokenId) {
        return new Authentication.Valid(alice, tokenId, Optional.empty());
    }

    @Test
    void anEntryLastsItsLifetimeThenGoes() {
        cache.put("h", live(1), cache.generation());
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get("h")).hasValue(live(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("h")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheHoldsAtMostItsBound() {
        for (int i = 0; i < 1000; i++) {
            cache.put("h" + i, live(i), cache.generation());
        }
        assertThat(cache.size()).isEqualTo(100);
    }

    @Test
    void aTokenThatExpiresWhileCachedIsAnsweredAsExpired() {
        var expires = clock.instant().plusSeconds(10);
        cache.put("h", new Authentication.Valid(alice, 1, Optional.of(expires)), cache.generation());
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.get("h")).hasValue(new Authentication.Expired(expires));
    }

    @Test
    void aLookupThatStartedBeforeARevocationIsNotCached() {
        long before = cache.generation();
        cache.revoked("h"); // the row was deleted while the lookup was reading it
        cache.put("h", live(1), before);
        assertThat(cache.get("h")).isEmpty();
        cache.put("h", live(1), cache.generation());
        assertThat(cache.get("h")).isPresent();
        cache.revoked("h");
        assertThat(cache.get("h")).as("revoked on this instance at once").isEmpty();
    }
}
