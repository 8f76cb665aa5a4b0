package io.fleet.cloud.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The live tokens this instance checked recently, so a busy app does not cost a database round trip per request.
 * Only live tokens are kept: a failed guess is never cached (it would let anyone grow the heap without bound).
 * Entries expire {@code lifetime} after the database answered and the oldest go first beyond {@code maxEntries}.
 *
 * <p>A revocation on this instance removes the entry at once; a database read that raced with it is not cached
 * (the generation check), so the revoked token cannot come back. Other instances keep their entry for at most
 * {@code lifetime}.
 */
final class AuthenticationCache {

    private final Cache<String, Authentication.Valid> entries;
    private final Clock clock;
    private long generation;

    AuthenticationCache(Clock clock, Duration lifetime, int maxEntries) {
        this.clock = clock;
        // maintenance (eviction) runs on the calling thread: no pool, and the size is exact when a call returns
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(lifetime)
                .ticker(new ClockTicker(clock)).executor(Runnable::run).build();
    }

    /** The cached answer for a token hash: the live token, or {@link Authentication.Expired} once it expired. */
    Optional<Authentication> get(String tokenHash) {
        Authentication.Valid valid = entries.getIfPresent(tokenHash);
        if (valid == null) {
            return Optional.empty();
        }
        if (valid.expiredAt(clock.instant())) {
            entries.invalidate(tokenHash);
            return Optional.of(new Authentication.Expired(valid.expires().orElseThrow()));
        }
        return Optional.of(valid);
    }

    /** Call before reading the database; pass the result to {@link #put}. */
    synchronized long generation() {
        return generation;
    }

    /** Caches a live token read from the database, unless something was revoked since {@code readGeneration}. */
    synchronized void put(String tokenHash, Authentication.Valid valid, long readGeneration) {
        if (readGeneration == generation) {
            entries.put(tokenHash, valid);
        }
    }

    /** Forgets a token; call after its row is gone from the database. */
    synchronized void revoked(String tokenHash) {
        generation++;
        entries.invalidate(tokenHash);
    }

    /** Forgets everything, e.g. after a user's vehicles changed. */
    synchronized void clear() {
        generation++;
        entries.invalidateAll();
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
