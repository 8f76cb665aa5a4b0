package io.fleet.cloud.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;

/**
 * Checks bearer tokens: the cache of live tokens first, then the database (on the {@code blocking} executor). A
 * malformed token is refused without a lookup; an expired one is told apart from an unknown one so its owner learns
 * why it stopped working.
 */
final class TokenAuthenticator {

    private static final int MAX_TOKEN_LENGTH = 100;

    private final DataSource dataSource;
    private final Executor blocking;
    private final Clock clock;
    private final AuthenticationCache cache;

    TokenAuthenticator(DataSource dataSource, Executor blocking, Clock clock, AuthenticationCache cache) {
        this.dataSource = dataSource;
        this.blocking = blocking;
        this.clock = clock;
        this.cache = cache;
    }

    /** What the token is: live (with its user), expired, or unknown. Never throws; a database failure fails it. */
    CompletableFuture<Authentication> check(String bearerToken) {
        if (!wellFormed(bearerToken)) {
            return CompletableFuture.completedFuture(Authentication.UNKNOWN);
        }
        String hash = TokenTable.hash(bearerToken);
        Optional<Authentication> cached = cache.get(hash);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        long generation = cache.generation();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Authentication found = lookUp(hash);
                    if (found instanceof Authentication.Valid valid) {
                        cache.put(hash, valid, generation);
                    }
                    return found;
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, blocking);
        } catch (RejectedExecutionException e) { // shutting down
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The cached answer (live or since expired) for a token: no database lookup. Empty if it must be looked up. */
    Optional<Authentication> checkCached(String bearerToken) {
        return wellFormed(bearerToken) ? cache.get(TokenTable.hash(bearerToken)) : Optional.empty();
    }

    /** Live tokens in this instance's cache (failed guesses never are). */
    long cachedTokens() {
        return cache.size();
    }

    private static boolean wellFormed(String bearerToken) {
        return bearerToken != null && bearerToken.startsWith(TokenTable.PREFIX)
                && bearerToken.length() <= MAX_TOKEN_LENGTH;
    }

    private Authentication lookUp(String hash) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT u.id, u.name, u.role, u.default_vehicle, t.id, "
                     + "t.expires_at FROM user_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ?")) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Authentication.UNKNOWN;
                }
                Optional<Instant> expires = TokenTable.expires(r, 6);
                if (expires.isPresent() && !clock.instant().isBefore(expires.get())) {
                    return new Authentication.Expired(expires.get());
                }
                return new Authentication.Valid(UserStore.readUser(c, r), r.getLong(5), expires);
            }
        }
    }
}
