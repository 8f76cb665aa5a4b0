package io.fleet.cloud.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code user_token} table: issuing, listing and deleting a user's tokens. A token is {@code fleet_} plus 256
 * random bits in base64url; only its SHA-256 is stored.
 */
final class TokenTable {

    static final String PREFIX = "fleet_";
    /** How long an expired token stays listed (so its owner sees why it stopped working) before it is purged. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(30);

    private final SecureRandom random = new SecureRandom();

    /** Issues a token; {@code ttl} zero = never expires. Purges the user's tokens expired long ago. */
    IssuedToken.WithSecret insert(Connection c, long userId, Instant now, Duration ttl) throws SQLException {
        try (PreparedStatement purge = c.prepareStatement("DELETE FROM user_token WHERE user_id = ? "
                + "AND expires_at < ?")) {
            purge.setLong(1, userId);
            purge.setLong(2, now.minus(KEEP_EXPIRED).toEpochMilli());
            purge.executeUpdate();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Optional<Instant> expires = ttl.isZero() ? Optional.empty() : Optional.of(now.plus(ttl));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO user_token (token_hash, user_id, created_at, "
                + "expires_at) VALUES (?, ?, ?, ?) RETURNING id")) {
            s.setString(1, hash(token));
            s.setLong(2, userId);
            s.setLong(3, now.toEpochMilli());
            if (expires.isPresent()) {
                s.setLong(4, expires.get().toEpochMilli());
            } else {
                s.setNull(4, Types.BIGINT);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new IssuedToken.WithSecret(new IssuedToken(r.getLong(1), now, expires), token);
            }
        }
    }

    List<IssuedToken> list(Connection c, long userId) throws SQLException {
        List<IssuedToken> tokens = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, created_at, expires_at FROM user_token "
                + "WHERE user_id = ? ORDER BY id")) {
            s.setLong(1, userId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tokens.add(new IssuedToken(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), expires(r, 3)));
                }
            }
        }
        return tokens;
    }

    /** Deletes one of the user's tokens; the deleted token's hash, or empty if the user has no such token. */
    Optional<String> delete(Connection c, long userId, long tokenId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM user_token WHERE user_id = ? AND id = ? "
                + "RETURNING token_hash")) {
            s.setLong(1, userId);
            s.setLong(2, tokenId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    static Optional<Instant> expires(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
